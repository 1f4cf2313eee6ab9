// Issue 11, class 3 (columns the tool cannot see): a @declared_attr whose body branches before it
// returns a column (indico's StoredFileMixin.created_dt, RenderModeMixin.render_mode) is not read,
// so its column is unseen: taken as the migrations have it, never a DS103 warning. A column the
// model really dropped next to it still is one. Fixture: test-fixtures/declared-attr-branches.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import { checkCommand } from '../../../src/cli/commands/check';
import { initPythonParser } from '../../../src/core/python/parser';

const FIXTURE = path.resolve(__dirname, '../../../../test-fixtures/declared-attr-branches');

describe('a @declared_attr that branches', () => {
  before(async () => initPythonParser());

  it('check: its column is not reported as dropped; a really dropped column is', async () => {
    let out = '';
    const code = await checkCommand.run(parseArgs([FIXTURE, '--format', 'json'], new Set(checkCommand.booleanFlags ?? [])), {
      out: (t) => (out += t),
      err: () => undefined,
    });
    assert.equal(code, 1);
    const findings = JSON.parse(out) as { code: string; severity: string; column?: string }[];
    assert.deepEqual(
      findings.filter((f) => f.code === 'DS103').map((f) => `${f.severity} ${f.column}`),
      ['warning checksum'],
    );
  });
});
