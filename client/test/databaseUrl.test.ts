import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isEmbedded, maskDatabaseUrl, validateDatabaseUrl } from '../src/model/databaseUrl';

test('PostgreSQL URLs are accepted, other input explains what to type', () => {
  assert.equal(validateDatabaseUrl('postgresql://u:p@localhost:5432/db'), null);
  assert.equal(validateDatabaseUrl('postgres://u@h/db'), null);
  assert.equal(validateDatabaseUrl('postgresql+psycopg2://u:p@h/db'), null);
  assert.equal(validateDatabaseUrl('  '), null, 'empty clears the stored URL');
  assert.match(validateDatabaseUrl('mysql://u:p@h/db') ?? '', /PostgreSQL URL/);
  assert.match(validateDatabaseUrl('postgresql://') ?? '', /no host/);
});

test('SQLite file URLs are accepted; in-memory ones are not (nothing to migrate)', () => {
  assert.equal(validateDatabaseUrl('sqlite:///app.db'), null);
  assert.equal(validateDatabaseUrl('sqlite:////home/me/app.db'), null);
  assert.match(validateDatabaseUrl('sqlite://') ?? '', /names a file/);
  assert.match(validateDatabaseUrl('sqlite:///:memory:') ?? '', /names a file/);
});

test('URLs are masked for display', () => {
  assert.equal(maskDatabaseUrl('postgresql://app:s3cr3t@db:5432/shop'), 'postgresql://app:***@db:5432/shop');
  assert.equal(maskDatabaseUrl('postgresql://app@db/shop'), 'postgresql://app@db/shop');
});

test('"embedded" selects the built-in PGlite database', () => {
  assert.equal(validateDatabaseUrl('embedded'), null);
  assert.equal(validateDatabaseUrl(' Embedded '), null);
  assert.equal(isEmbedded('EMBEDDED'), true);
  assert.equal(isEmbedded('postgresql://embedded@h/db'), false);
});

test('the dialect comes from the URL scheme', async () => {
  const { dialectOfUrl } = await import('../src/model/databaseUrl');
  assert.equal(dialectOfUrl('postgresql+psycopg2://u@h/db'), 'PostgreSQL');
  assert.equal(dialectOfUrl('postgres://u@h/db'), 'PostgreSQL');
  assert.equal(dialectOfUrl('sqlite:///app.db'), 'SQLite');
  assert.equal(dialectOfUrl('mysql+pymysql://u@h/db'), 'MySQL');
  assert.equal(dialectOfUrl('embedded'), 'PostgreSQL');
  assert.equal(dialectOfUrl('not a url'), null);
});

test('the password is asked apart and put in percent-encoded', async () => {
  const { passwordPrompt, withPassword } = await import('../src/model/databaseUrl');
  assert.equal(passwordPrompt('postgresql://app@db:5432/shop'), 'app@db');
  assert.equal(passwordPrompt('postgresql://app:secret@db/shop'), null, 'a password typed in the URL is kept');
  assert.equal(passwordPrompt('sqlite:///app.db'), null);
  assert.equal(withPassword('postgresql://app@db:5432/shop', 'p@ss/w:rd'), 'postgresql://app:p%40ss%2Fw%3Ard@db:5432/shop');
  assert.equal(withPassword('postgresql://db/shop', 'x'), null);
});
