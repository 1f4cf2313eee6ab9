import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initPythonParser, parsePython } from '../../../src/core/python/parser';
import { qualifyName, readImports } from '../../../src/core/python/imports';

function importsOf(text: string, options?: Parameters<typeof readImports>[1]) {
  return readImports(parsePython(text).rootNode, options);
}

describe('python imports', () => {
  before(async () => {
    await initPythonParser();
  });

  it('resolves module aliases and aliased names', () => {
    const imports = importsOf(
      [
        'import sqlalchemy as sa',
        'from sqlalchemy import Integer as Int, Column',
        'from sqlalchemy.dialects import postgresql',
        'from sqlalchemy.dialects.postgresql import JSONB as PgJson',
        'from sqlalchemy.orm import mapped_column, Mapped',
        'from sqlalchemy.types import String as Str',
        'import sqlalchemy.orm',
        '',
      ].join('\n'),
    );
    assert.equal(qualifyName('sa.String', imports), 'sqlalchemy.String');
    assert.equal(qualifyName('sa.orm.relationship', imports), 'sqlalchemy.orm.relationship');
    assert.equal(qualifyName('Int', imports), 'sqlalchemy.Integer');
    assert.equal(qualifyName('Column', imports), 'sqlalchemy.Column');
    assert.equal(qualifyName('postgresql.JSONB', imports), 'sqlalchemy.dialects.postgresql.JSONB');
    assert.equal(qualifyName('PgJson', imports), 'sqlalchemy.dialects.postgresql.JSONB');
    assert.equal(qualifyName('mapped_column', imports), 'sqlalchemy.orm.mapped_column');
    assert.equal(qualifyName('Str', imports), 'sqlalchemy.String');
    assert.equal(qualifyName('sqlalchemy.orm.mapped_column', imports), 'sqlalchemy.orm.mapped_column');
    assert.equal(qualifyName('sa.sql.func.now', imports), 'sqlalchemy.func.now');
    assert.equal(qualifyName('NotImported', imports), 'NotImported');
  });

  it('maps a Flask-SQLAlchemy db object onto sqlalchemy and sqlalchemy.orm', () => {
    const imports = importsOf('from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n');
    assert.ok(imports.flaskDb.has('db'));
    assert.equal(qualifyName('db.String', imports), 'sqlalchemy.String');
    assert.equal(qualifyName('db.Column', imports), 'sqlalchemy.Column');
    assert.equal(qualifyName('db.ForeignKey', imports), 'sqlalchemy.ForeignKey');
    assert.equal(qualifyName('db.func.now', imports), 'sqlalchemy.func.now');
    assert.equal(qualifyName('db.relationship', imports), 'sqlalchemy.orm.relationship');
    assert.equal(qualifyName('db.mapped_column', imports), 'sqlalchemy.orm.mapped_column');
    assert.equal(qualifyName('db.Model', imports), 'flask_sqlalchemy.Model');
    assert.equal(qualifyName('db.Table', imports), 'flask_sqlalchemy.Table');
  });

  it('sees db objects made with an aliased import, and ignores other calls', () => {
    const imports = importsOf('import flask_sqlalchemy as fsa\ndatabase = fsa.SQLAlchemy(model_class=Base)\nother = make()\n');
    assert.deepEqual([...imports.flaskDb], ['database']);
    assert.equal(qualifyName('database.Integer', imports), 'sqlalchemy.Integer');
  });

  it('resolves relative imports against the module name', () => {
    const inModule = importsOf('from .user import User\nfrom .. import db\nfrom . import base\n', { moduleName: 'app.models.post' });
    assert.equal(qualifyName('User', inModule), 'app.models.user.User');
    assert.equal(qualifyName('db', inModule), 'app.db');
    assert.equal(qualifyName('base.Base', inModule), 'app.models.base.Base');
    const inPackage = importsOf('from .user import User\n', { moduleName: 'app.models', isPackage: true });
    assert.equal(qualifyName('User', inPackage), 'app.models.user.User');
    const unknownModule = importsOf('from .user import User\n');
    assert.equal(qualifyName('User', unknownModule), '.user.User');
  });

  it('handles star imports and imports under if/try', () => {
    const imports = importsOf('from sqlalchemy import *\ntry:\n    from sqlalchemy.dialects.postgresql import UUID\nexcept ImportError:\n    pass\n');
    assert.equal(qualifyName('Integer', imports), 'sqlalchemy.Integer');
    assert.equal(qualifyName('UUID', imports), 'sqlalchemy.dialects.postgresql.UUID');
  });

  it('never throws on half-typed imports', () => {
    for (const text of ['from ', 'import', 'from . import', 'from x import (a,', 'import a as', 'db = SQLAlchemy(']) {
      assert.doesNotThrow(() => importsOf(text));
    }
  });
});
