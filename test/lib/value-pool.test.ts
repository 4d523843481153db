import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteArena, ValueArena, ValuePool } from '../../src/lib/value-pool.js';
import { ByteWriter } from '../../src/render/formats/byte-writer.js';

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
  arena.release();
  assert.equal(pool.bytes, 3 * 1024 * 8);

  const roomy = new ValuePool(2 ** 30);
  const big = new ValueArena(roomy);
  const huge = big.take(2 ** 21 + 1); // one value past 16 MB
  assert.equal(huge.length, 2 ** 21 + 1);
  big.take(2 ** 21); // 16 MB exactly: the largest class
  big.release();
  assert.equal(roomy.bytes, 2 ** 24);
});

test('a byte arena lends at least what is asked; an outgrown buffer goes back at once, the others on release', () => {
  const pool = new ValuePool();
  const arena = new ByteArena(pool);
  const a = arena.take(1000);
  const b = arena.take(5000);
  assert.ok(a.length >= 1000 && b.length >= 5000);
  assert.notEqual(a.buffer, b.buffer);
  a.fill(1);
  b.fill(2);
  assert.ok(a.every((x) => x === 1), 'a was written by b');
  arena.outgrown(a);
  assert.equal(pool.bytes, a.length);
  arena.outgrown(a); // not lent any more: nothing twice
  assert.equal(pool.bytes, a.length);
  arena.release();
  assert.equal(pool.bytes, a.length + b.length);
  // after release: fresh memory, never the pool's
  const late = arena.take(1000);
  assert.ok(late.buffer !== a.buffer && late.buffer !== b.buffer);
  assert.equal(pool.bytes, a.length + b.length);
});

test('an answer written on lent bytes grows through the arena, keeps every byte, and gives back what it outgrew', () => {
  const pool = new ValuePool();
  const arena = new ByteArena(pool);
  const w = new ByteWriter(600, arena);
  let want = '';
  for (let i = 0; i < 5000; i++) {
    const text = `${i},`;
    w.ascii(text);
    want += text;
  }
  const body = w.finish();
  assert.equal(body.toString('latin1'), want);
  // it grew from 1 KB to 32 KB: every smaller buffer went back while it wrote
  assert.equal(pool.bytes, 1024 + 2048 + 4096 + 8192 + 16384);
  arena.release();
  assert.equal(pool.bytes, 1024 + 2048 + 4096 + 8192 + 16384 + 32768);
});

test('chunk copies share slabs, each its own bytes; a large value and a copy after release are fresh memory', () => {
  const pool = new ValuePool();
  const arena = new ValueArena(pool);
  // a longer buffer, as lmdb-js's shared read buffer is, of which only `length` bytes are the value
  const source = Buffer.alloc(70_000);
  const copies = [];
  for (let i = 0; i < 40; i++) {
    source.fill(i);
    const length = 100 + i * 37;
    copies.push({ i, length, copy: arena.copy(source, length) });
  }
  for (const { i, length, copy } of copies) {
    assert.ok(Buffer.isBuffer(copy));
    assert.equal(copy.length, length);
    assert.ok(copy.every((x) => x === i), `copy ${i} was overwritten`);
    assert.equal(copy.byteOffset % 8, 0);
  }
  const slabs = new Set(copies.map((c) => c.copy.buffer));
  assert.ok(slabs.size < 5, `${slabs.size} slabs for 40 small copies`);
  const large = arena.copy(source, 60_000); // past a quarter of a slab and past what is left of it
  assert.ok(!slabs.has(large.buffer as ArrayBuffer) && large.every((x) => x === 39));
  arena.release();
  assert.equal(pool.bytes, slabs.size * 65536);
  const late = arena.copy(source, 100);
  assert.ok(!slabs.has(late.buffer as ArrayBuffer) && late.every((x) => x === 39));
  assert.equal(pool.bytes, slabs.size * 65536);
});
