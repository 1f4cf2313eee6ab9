// Cached values with lazy halves (core/cache/codec.ts): the deferred half is parsed only on the first
// read of a lazy property, reads give the stored values however they are made, and a write before any
// read wins; every decoded value shares its getters (one hidden class for thousands of revisions).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeSplit, decodeValue, encodeValue, stillUndecoded } from '../../../src/core/cache/codec';

const codec = { structured: false, lazy: ['upgrade', 'downgrade'] as const };
const value = { revision: 'a1', path: '/p/versions/a1.py', upgrade: [{ op: 'create_table', file: '/p/versions/a1.py' }], downgrade: [{ op: 'drop_table' }] };

describe('lazy halves of cached values', () => {
  it('round-trips, with the file token replaced back, and parses the deferred half once, on first use', () => {
    const encoded = encodeValue(value, value.path, codec);
    assert.ok(!encoded.includes(value.path), 'the entry path is stored as a token');
    const [eager, deferred] = encoded.split('\t') as [string, string];
    let parses = 0;
    const decoded = decodeSplit<typeof value>(eager, () => (parses++, deferred), value.path, codec);
    assert.equal(parses, 0);
    assert.equal(decoded.revision, 'a1');
    assert.deepEqual(decoded.upgrade, value.upgrade);
    assert.deepEqual(decoded.downgrade, value.downgrade);
    assert.equal(parses, 1);
    assert.deepEqual({ ...decoded }, value);
    assert.deepEqual(decodeValue(encoded, value.path, codec), value);
  });

  it('each value reads its own half; a write before a read wins; reads through Object.create work', () => {
    const other = { ...value, revision: 'b2', upgrade: [{ op: 'add_column' }] };
    const first = decodeValue<typeof value>(encodeValue(value, value.path, codec), value.path, codec);
    const second = decodeValue<typeof value>(encodeValue(other, value.path, codec), value.path, codec);
    assert.deepEqual(second.upgrade, other.upgrade);
    assert.deepEqual(first.upgrade, value.upgrade);
    const third = decodeValue<typeof value>(encodeValue(value, value.path, codec), value.path, codec);
    third.upgrade = [];
    assert.deepEqual(third.upgrade, []);
    assert.deepEqual(third.downgrade, value.downgrade);
    const fourth = decodeValue<typeof value>(encodeValue(value, value.path, codec), value.path, codec);
    assert.deepEqual((Object.create(fourth) as typeof value).downgrade, value.downgrade);
    assert.deepEqual(Object.keys(fourth), Object.keys(value));
  });

  it('a nested lazy property (holder.name): the holder and its other properties are eager, the property decoded on first read', () => {
    const nested = { structured: false, lazy: ['upgrade.ops', 'downgrade.ops'] as const };
    const revision = {
      revision: 'a1',
      upgrade: { ops: [{ kind: 'createTable', importedTypes: ['x'] }], notes: ['n1'] },
      downgrade: { ops: [{ kind: 'dropTable' }], notes: [] },
    };
    const encoded = encodeValue(revision, '', nested);
    assert.deepEqual(revision.upgrade.ops, [{ kind: 'createTable', importedTypes: ['x'] }], 'the value written is not changed');
    const [eager, deferred] = encoded.split('\t') as [string, string];
    assert.ok(!eager.includes('createTable') && eager.includes('n1'), eager);
    let parses = 0;
    const decoded = decodeSplit<typeof revision>(eager, () => (parses++, deferred), '', nested);
    assert.deepEqual(decoded.upgrade.notes, ['n1']);
    assert.ok(stillUndecoded(decoded.upgrade, 'ops') && stillUndecoded(decoded.downgrade, 'ops'));
    assert.ok(!stillUndecoded(decoded.upgrade, 'notes'));
    assert.equal(parses, 0);
    assert.deepEqual(decoded.downgrade.ops, revision.downgrade.ops);
    assert.equal(parses, 1, 'one half for both holders');
    assert.ok(!stillUndecoded(decoded.downgrade, 'ops'));
    assert.deepEqual(decoded.upgrade.ops, revision.upgrade.ops);
    assert.deepEqual(JSON.parse(JSON.stringify(decoded)), revision);
    assert.deepEqual(Object.keys(decoded.upgrade).sort(), ['notes', 'ops']);
    assert.ok(!stillUndecoded({ ops: [] }, 'ops'), 'a plain object has no half');
  });
});
