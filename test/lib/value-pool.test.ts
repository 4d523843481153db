import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueArena, ValuePool } from '../../src/lib/value-pool.js';

test('an arena lends arrays of exactly the length asked, each its own memory', () => {
  const arena = new ValueArena(new ValuePool());
  const lengths = [1, 63, 64, 65, 8640, 8641, 131072];
  const arrays = lengths.map((n) => arena.take(n));
  assert.deepEqual(
    arrays.map((a) => a.length),
    lengths,
  );
  arrays.forEach((a, i) => a.fill(i));
  arrays.forEach((a, i) => assert.ok(a.every((v) => v === i), `array ${i} was written by another`));
});

test('arrays come back to the pool on release and are lent again, never while still lent', () => {
  const pool = new ValuePool();
  const first = new ValueArena(pool);
  const a = first.take(8640);
  const b = first.take(8640);
  assert.notEqual(a.buffer, b.buffer);
  // a second request while the first still holds its arrays gets others
  const second = new ValueArena(pool);
  const c = second.take(8640);
  assert.ok(c.buffer !== a.buffer && c.buffer !== b.buffer);
  assert.equal(pool.bytes, 0);

  first.release();
  assert.equal(pool.bytes, 2 * 16384 * 8, 'two arrays of the 2^14 class are spare');
  const third = new ValueArena(pool);
  const reused = [third.take(9000), third.take(10000)].map((x) => x.buffer);
  assert.deepEqual(new Set(reused), new Set([a.buffer, b.buffer]));
  assert.equal(pool.bytes, 0);
  // a class with nothing spare allocates
  assert.ok(![a.buffer, b.buffer, c.buffer].includes(third.take(100).buffer));
});

test('after release an arena lends nothing more from the pool, and a second release gives nothing twice', () => {
  const pool = new ValuePool();
  const arena = new ValueArena(pool);
  arena.take(1000);
  arena.release();
  const spare = pool.bytes;
  // a straggling read of a finished request: a fresh array, not one another request may take
  const late = arena.take(1000);
  assert.equal(late.length, 1000);
  assert.equal(pool.bytes, spare);
  arena.release();
  assert.equal(pool.bytes, spare);
  const other = new ValueArena(pool);
  assert.notEqual(other.take(1000).buffer, late.buffer);
});

test('the pool keeps at most maxBytes of spare arrays, and arrays past the largest class are never pooled', () => {
  const pool = new ValuePool(3 * 1024 * 8);
  const arena = new ValueArena(pool);
  for (let i = 0; i < 5; i++) arena.take(1024);
  const huge = arena.take(2 ** 17 + 1);
  assert.equal(huge.length, 2 ** 17 + 1);
  arena.release();
  assert.equal(pool.bytes, 3 * 1024 * 8);
});
