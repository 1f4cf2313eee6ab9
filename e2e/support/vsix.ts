// A minimal .vsix writer (a zip with the VSIX manifest), for the throwaway extension the smoke test installs.
import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

interface Manifest {
  publisher: string;
  name: string;
  version: string;
  displayName?: string;
}

/** Writes a .vsix holding `extensionFiles` (paths relative to the extension root; package.json required). */
export function writeVsix(outPath: string, extensionFiles: Record<string, string>): void {
  const packageJson = extensionFiles['package.json'];
  if (packageJson === undefined) throw new Error('a .vsix needs extension/package.json');
  const manifest = JSON.parse(packageJson) as Manifest;
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension=".json" ContentType="application/json"/><Default Extension=".js" ContentType="application/javascript"/><Default Extension=".vsixmanifest" ContentType="text/xml"/></Types>',
    'extension.vsixmanifest': `<?xml version="1.0" encoding="utf-8"?><PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011"><Metadata><Identity Language="en-US" Id="${manifest.name}" Version="${manifest.version}" Publisher="${manifest.publisher}"/><DisplayName>${manifest.displayName ?? manifest.name}</DisplayName></Metadata><Installation><InstallationTarget Id="Microsoft.VisualStudio.Code"/></Installation><Dependencies/><Assets><Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true"/></Assets></PackageManifest>`,
  };
  for (const [path, text] of Object.entries(extensionFiles)) files[`extension/${path}`] = text;
  writeFileSync(outPath, zip(files));
}

/**
 * A throwaway extension that exercises every page helper: a palette command that asks in a modal dialog,
 * a warning on each "drop" line of .txt files (squiggle, hover, Problems), and a sidebar tree with a title action.
 */
export function writeSmokeVsix(outPath: string, message: string): void {
  writeVsix(outPath, {
    'package.json': JSON.stringify({
      name: 'e2e-smoke',
      displayName: 'E2E Smoke',
      publisher: 'mg-e2e',
      version: '0.0.1',
      engines: { vscode: '^1.90.0' },
      main: './extension.js',
      activationEvents: ['onStartupFinished'],
      contributes: {
        commands: [
          { command: 'e2eSmoke.hello', title: 'Say Hello', category: 'E2E Smoke' },
          { command: 'e2eSmoke.apply', title: 'Apply', category: 'E2E Smoke', icon: '$(play)' },
        ],
        viewsContainers: { activitybar: [{ id: 'e2eSmoke', title: 'E2E Smoke', icon: '$(beaker)' }] },
        views: { e2eSmoke: [{ id: 'e2eSmoke.items', name: 'Items' }] },
        menus: { 'view/title': [{ command: 'e2eSmoke.apply', when: 'view == e2eSmoke.items', group: 'navigation' }] },
      },
    }),
    'extension.js': `const vscode = require('vscode');
exports.activate = (context) => {
  let applied = false;
  const changed = new vscode.EventEmitter();
  const tree = {
    onDidChangeTreeData: changed.event,
    getTreeItem: (label) => new vscode.TreeItem(label),
    getChildren: () => [applied ? 'step one (applied)' : 'step one (pending)'],
  };
  const diagnostics = vscode.languages.createDiagnosticCollection('e2e-smoke');
  const lint = (doc) => {
    if (!doc.fileName.endsWith('.txt')) return;
    const found = [];
    for (let i = 0; i < doc.lineCount; i++) {
      const at = doc.lineAt(i).text.indexOf('drop');
      if (at < 0) continue;
      const d = new vscode.Diagnostic(new vscode.Range(i, at, i, at + 4), 'smoke: this line drops something', vscode.DiagnosticSeverity.Warning);
      d.code = 'SM001';
      found.push(d);
    }
    diagnostics.set(doc.uri, found);
  };
  vscode.workspace.textDocuments.forEach(lint);
  context.subscriptions.push(
    diagnostics,
    vscode.workspace.onDidOpenTextDocument(lint),
    vscode.workspace.onDidChangeTextDocument((e) => lint(e.document)),
    vscode.window.registerTreeDataProvider('e2eSmoke.items', tree),
    vscode.commands.registerCommand('e2eSmoke.hello', () => vscode.window.showInformationMessage(${JSON.stringify(message)})),
    vscode.commands.registerCommand('e2eSmoke.apply', async () => {
      const choice = await vscode.window.showWarningMessage('Apply step one?', { modal: true, detail: 'It touches 3 rows.' }, 'Apply');
      if (choice !== 'Apply') return;
      applied = true;
      changed.fire();
    }),
  );
};
`,
  });
}

/**
 * A display-language extension for `languageId` with no translations of VS Code's own strings: what
 * VS Code needs to run in that language (a real language pack comes from the Marketplace, which the
 * suite cannot reach). The workbench stays English, while `vscode.env.language` is `languageId`, so
 * extensions (ours) load their `bundle.l10n.<languageId>.json` and `package.nls.<languageId>.json`.
 */
export function writeLanguagePackVsix(outPath: string, languageId: string, languageName: string): void {
  writeVsix(outPath, {
    'package.json': JSON.stringify({
      name: `e2e-language-pack-${languageId}`,
      displayName: `E2E ${languageName} display language`,
      publisher: 'mg-e2e',
      version: '0.0.1',
      engines: { vscode: '^1.90.0' },
      categories: ['Language Packs'],
      contributes: {
        localizations: [
          { languageId, languageName, localizedLanguageName: languageName, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] },
        ],
      },
    }),
    'translations/main.i18n.json': JSON.stringify({ version: '1.0.0', contents: {} }),
  });
}
