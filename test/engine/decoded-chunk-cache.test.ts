import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodedChunkCache } from '../../src/engine/read/decoded-chunk-cache.js';
import { RawChunkEncoder, decodeRaw } from '../../src/series/codec/raw.js';
import { ChunkEncoding, type Chunk } from '../../src/series/types.js';

function chunk(id: string, end: number, points: Array<[number, number]>): Chunk {
  const enc = new RawChunkEncoder(end - 7200, 10);
  for (const [t, v] of points) enc.append(t, v);
  return { id, resolution: 10, start: end - 7200, end, encoding: ChunkEncoding.Raw, data: enc.finish() };
}

test('a chunk is decoded once while cached; a window written again is decoded again', () => {
  const cache = new DecodedChunkCache(1 << 20);
  const a = chunk('s1', 7200, [[10, 1], [20, 2]]);
  const first = cache.decode(a);
  assert.deepEqual(first, decodeRaw(a.data));
  assert.equal(cache.decode({ ...a, data: Uint8Array.from(a.data) }), first, 'equal bytes read again are a hit');
  assert.equal(cache.hits.value, 1);
  assert.equal(cache.misses.value, 1);
  // the same window rewritten with one more point: its bytes (and checksum) differ
  const rewritten = chunk('s1', 7200, [[10, 1], [20, 2], [30, 3]]);
  assert.deepEqual(Array.from(cache.decode(rewritten).values), [1, 2, 3]);
  assert.equal(cache.misses.value, 2);
  // rewritten with a value changed: the same length, other bytes
  const changed = chunk('s1', 7200, [[10, 1], [20, 2], [30, 4]]);
  assert.equal(changed.data.length, rewritten.data.length);
  assert.deepEqual(Array.from(cache.decode(changed).values), [1, 2, 4]);
  assert.equal(cache.misses.value, 3);
  // another series' chunk with identical bytes is its own entry
  assert.notEqual(cache.decode({ ...a, id: 's2' }), first);
});

test('the cache stays within its byte budget; 0 keeps nothing', () => {
  const budget = 64 * 1024;
  const cache = new DecodedChunkCache(budget);
  for (let i = 0; i < 200; i++) cache.decode(chunk(`s${i}`, 7200, Array.from({ length: 100 }, (_, k): [number, number] => [k * 10, i + k])));
  assert.ok(cache.bytes > 0 && cache.bytes <= budget, `${cache.bytes} bytes held`);
  const off = new DecodedChunkCache(0);
  const a = chunk('s1', 7200, [[10, 1]]);
  assert.notEqual(off.decode(a), off.decode(a));
  assert.equal(off.bytes, 0);
  assert.equal(off.hits.value, 0);
});
