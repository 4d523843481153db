import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkEncoding } from '../../../src/series/types.js';
import { CHUNK_HEADER_BYTES, chunkValueTtl, decodeChunkValue, encodeChunkValue } from '../../../src/stores/lmdb/chunk-value.js';

test('the stored value carries start, ttl and encoding ahead of the payload', () => {
  const payload = Uint8Array.from([9, 8, 7, 6, 5]);
  const value = encodeChunkValue(1795309200, 604800, ChunkEncoding.Rollup, payload);
  assert.equal(value.length, CHUNK_HEADER_BYTES + payload.length);
  const decoded = decodeChunkValue(value);
  assert.equal(decoded.start, 1795309200);
  assert.equal(decoded.ttl, 604800);
  assert.equal(decoded.encoding, ChunkEncoding.Rollup);
  assert.deepEqual([...decoded.data], [9, 8, 7, 6, 5]);
  assert.equal(chunkValueTtl(value), 604800);
  assert.equal(decodeChunkValue(encodeChunkValue(0, 0, ChunkEncoding.Raw, new Uint8Array(0))).data.length, 0);
});

test('a value that is not ours is refused, not misread', () => {
  assert.throws(() => decodeChunkValue(Buffer.alloc(5)), /unknown header/);
  const value = encodeChunkValue(0, 0, ChunkEncoding.Raw, new Uint8Array(3));
  value[0] = 3;
  assert.throws(() => decodeChunkValue(value), /unknown header \(format 3/);
});

test('the version travels with the chunk; a format-1 value (no version) still reads, as version 0', () => {
  const v = decodeChunkValue(encodeChunkValue(100, 50, ChunkEncoding.Raw, Uint8Array.from([1, 2]), 1795316580123));
  assert.equal(v.version, 1795316580123);
  assert.deepEqual([...v.data], [1, 2]);
  // the layout format 1 had: format, encoding, start, ttl, payload
  const old = Buffer.alloc(18 + 3);
  old[0] = 1;
  old[1] = ChunkEncoding.Rollup;
  old.writeDoubleLE(7200, 2);
  old.writeDoubleLE(86400, 10);
  old.set([4, 5, 6], 18);
  const decoded = decodeChunkValue(old);
  assert.deepEqual({ start: decoded.start, ttl: decoded.ttl, encoding: decoded.encoding, version: decoded.version, data: [...decoded.data] }, { start: 7200, ttl: 86400, encoding: ChunkEncoding.Rollup, version: 0, data: [4, 5, 6] });
  assert.equal(chunkValueTtl(old), 86400);
});
