// Flat ESLint config: typescript-eslint's recommended rules over all project sources.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-fixtures/**', '.e2e-cache/**', '**/.migration-guard/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // The CLI, benchmarks, demo and test helpers print to stdout on purpose; the language server never does.
    files: ['esbuild.mjs', 'server/src/cli/**', 'bench/**', 'scripts/**', 'server/test/**', 'client/test/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
);
