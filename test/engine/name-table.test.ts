import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NameTable } from '../../src/engine/table/name-table.js';

const name = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.constantFrom('a.b.c', 'a.b.c;x=1', 'a.b.c;x=1;y=2', 'héllo.wörld', '指标.值', 'a'),
);

test('finds what was set, by string and by bytes, as a Map would, through growth', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(name, fc.integer()), { maxLength: 300 }), fc.array(name, { maxLength: 50 }), (sets, probes) => {
      const table = new NameTable<number>(16);
      const map = new Map<string, number>();
      for (const [k, v] of sets) {
        table.set(k, v);
        map.set(k, v);
      }
      assert.equal(table.size, map.size);
      for (const k of [...map.keys(), ...probes]) {
        assert.equal(table.get(k), map.get(k), k);
        // inside a larger buffer, as in a socket read
        const bytes = Buffer.from(`xx ${k} yy`, 'utf8');
        assert.equal(table.getBytes(bytes, 3, bytes.length - 3), map.get(k), k);
      }
    }),
    { numRuns: 200 },
  );
});

test('many names: the arena and the slots grow, every name still found', () => {
  const table = new NameTable<number>();
  const n = 50_000;
  for (let i = 0; i < n; i++) table.set(`servers.host${i}.cpu.load;dc=é${i % 7}`, i);
  for (let i = 0; i < n; i += 7) {
    assert.equal(table.get(`servers.host${i}.cpu.load;dc=é${i % 7}`), i);
    const b = Buffer.from(`servers.host${i}.cpu.load;dc=é${i % 7}`);
    assert.equal(table.getBytes(b, 0, b.length), i);
  }
  assert.equal(table.get('servers.host1.cpu.load'), undefined);
  assert.equal(table.getBytes(Buffer.from('servers.host1'), 0, 13), undefined);
  assert.equal(table.size, n);
});

test('names that differ only in length or in one byte are told apart', () => {
  const table = new NameTable<string>();
  for (const k of ['a', 'aa', 'aaa', 'ab', 'ba', 'a.b', 'a.c']) table.set(k, k);
  for (const k of ['a', 'aa', 'aaa', 'ab', 'ba', 'a.b', 'a.c']) assert.equal(table.get(k), k);
  assert.equal(table.get('aaaa'), undefined);
  assert.equal(table.get(''), undefined);
});

test('deletes as a Map does, through growth, churn and arena compaction', () => {
  const op = fc.oneof(fc.tuple(fc.constant('set' as const), name, fc.integer()), fc.tuple(fc.constant('delete' as const), name, fc.constant(0)));
  fc.assert(
    fc.property(fc.array(op, { maxLength: 400 }), fc.array(name, { maxLength: 30 }), (ops, probes) => {
      const table = new NameTable<number>(16);
      const map = new Map<string, number>();
      for (const [kind, k, v] of ops) {
        if (kind === 'set') {
          table.set(k, v);
          map.set(k, v);
        } else assert.equal(table.delete(k), map.delete(k), `delete ${k}`);
      }
      assert.equal(table.size, map.size);
      for (const k of [...map.keys(), ...probes, ...ops.map((o) => o[1])]) {
        assert.equal(table.get(k), map.get(k), k);
        const bytes = Buffer.from(k, 'utf8');
        assert.equal(table.getBytes(bytes, 0, bytes.length), map.get(k), k);
      }
    }),
    { numRuns: 300 },
  );
});

test('a long churn of names keeps every live name and reclaims the arena', () => {
  const table = new NameTable<number>(16);
  const live = new Map<string, number>();
  for (let round = 0; round < 20; round++) {
    for (let i = 0; i < 5000; i++) {
      const k = `churn.r${round}.host${i}.metric`;
      table.set(k, round * 10_000 + i);
      live.set(k, round * 10_000 + i);
    }
    // the previous round leaves
    for (let i = 0; i < 5000; i++) {
      const k = `churn.r${round - 1}.host${i}.metric`;
      assert.equal(table.delete(k), live.delete(k));
    }
  }
  assert.equal(table.size, live.size);
  for (const [k, v] of live) assert.equal(table.get(k), v);
  assert.equal(table.get('churn.r3.host1.metric'), undefined);
  // 20 rounds of ~130 KB of names each: without compaction the arena would hold them all
  const arena = (table as unknown as { arena: Uint8Array }).arena;
  assert.ok(arena.length < 2_000_000, `arena ${arena.length} bytes`);
});
