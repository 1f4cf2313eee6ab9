// Issue 11, class 3: a base class from outside the project may add columns the tool cannot see, so
// its tables' missing columns are never reported dropped. flask_login's and Flask-Security's
// UserMixin add only methods and properties: with them the columns stay seen, and a column the model
// really dropped is a drop (redash 49fe29579a moved users.profile_image_url into a JSON column).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { extractModels } from '../../../src/core/models';
import { initPythonParser } from '../../../src/core/python/parser';

const model = (imports: string, base: string) =>
  extractModels(
    [
      {
        path: '/p/models.py',
        text: `from flask_sqlalchemy import SQLAlchemy\n${imports}\ndb = SQLAlchemy()\nclass User(db.Model, ${base}):\n    __tablename__ = "users"\n    id = db.Column(db.Integer, primary_key=True)\n`,
      },
    ],
    { root: '/p' },
  ).sources.tables.users?.unseenColumns ?? [];

describe('library base classes that add no columns', () => {
  before(async () => initPythonParser());

  it("flask_login's and Flask-Security's mixins leave every column seen; another library's mixin does not", () => {
    assert.deepEqual(model('from flask_login import UserMixin', 'UserMixin'), []);
    assert.deepEqual(model('import flask_login', 'flask_login.UserMixin'), []);
    assert.deepEqual(model('from flask_security import UserMixin', 'UserMixin'), []);
    assert.deepEqual(model('from authlib.integrations.sqla_oauth2 import OAuth2ClientMixin', 'OAuth2ClientMixin'), ['*']);
  });
});
