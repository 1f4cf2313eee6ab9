import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initPythonParser, parsePython, reparsePython } from '../../src/core/python/parser';
import { calleeName, readExpr } from '../../src/core/python/expr';

describe('python parser', () => {
  before(async () => {
    await initPythonParser();
  });

  it('incremental reparse gives the same tree as a full parse', () => {
    const text = 'class User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    email = db.Column(db.String(120))\n';
    const start = text.indexOf('120');
    const { tree, text: edited } = reparsePython(parsePython(text), text, { start, end: start + 3, newText: '20' });
    assert.equal(edited, text.replace('120', '20'));
    assert.equal(tree.rootNode.toString(), parsePython(edited).rootNode.toString());
    const integer = tree.rootNode.descendantsOfType('integer')[0];
    assert.deepEqual(integer?.startPosition, { row: 2, column: 32 });
  });

  it('half-typed Python still parses, with errors marked', () => {
    const tree = parsePython('class User(db.Model:\n    email = db.Column(db.String(\n');
    assert.equal(tree.rootNode.hasError, true);
  });

  it('reads call expressions into plain data', () => {
    const tree = parsePython("x = sa.Column('e_mail', sa.String(length=120), nullable=False, server_default=\"a\" 'b')\n");
    const call = tree.rootNode.descendantsOfType('call')[0];
    assert.ok(call);
    const expr = readExpr(call);
    assert.equal(expr.kind, 'call');
    if (expr.kind !== 'call') return;
    assert.equal(calleeName(expr), 'sa.Column');
    assert.deepEqual(expr.args[0] && expr.args[0].kind === 'str' ? expr.args[0].value : null, 'e_mail');
    assert.equal(expr.kwargs.nullable?.kind, 'bool');
    assert.deepEqual(expr.kwargs.server_default?.kind === 'str' ? expr.kwargs.server_default.value : null, 'ab');
    assert.equal(calleeName(expr.args[1]!), 'sa.String');
  });
});
