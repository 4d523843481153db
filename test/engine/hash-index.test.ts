import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HashIndex } from '../../src/engine/table/hash-index.js';

const half = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xffffffff));

test('sets, gets and deletes by (hi, lo) as a Map of the pair would, through growth and churn', () => {
  const op = fc.tuple(fc.constantFrom('set', 'delete', 'set'), half, fc.integer({ min: 0, max: 7 }), fc.integer());
  fc.assert(
    fc.property(fc.array(op, { maxLength: 500 }), (ops) => {
      const index = new HashIndex<number>(16);
      const map = new Map<string, number>();
      // few distinct lo values: collisions of hi with different lo, and of lo with different hi
      for (const [kind, hi, lo, v] of ops) {
        const key = `${hi}:${lo}`;
        if (kind === 'set') {
          index.set(hi, lo, v);
          map.set(key, v);
        } else assert.equal(index.delete(hi, lo), map.delete(key));
      }
      assert.equal(index.size, map.size);
      for (const [kind, hi, lo] of ops) {
        void kind;
        assert.equal(index.get(hi, lo), map.get(`${hi}:${lo}`));
      }
      assert.deepEqual([...index.valuesIterator()].sort(), [...map.values()].sort());
    }),
    { numRuns: 300 },
  );
});

test('a million entries, every one found', () => {
  const index = new HashIndex<number>();
  for (let i = 0; i < 1_000_000; i++) index.set((i * 2654435761) >>> 0, i, i);
  assert.equal(index.size, 1_000_000);
  for (let i = 0; i < 1_000_000; i += 997) assert.equal(index.get((i * 2654435761) >>> 0, i), i);
  assert.equal(index.get(1, 1_000_001), undefined);
});
