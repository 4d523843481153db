import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { decodeRaw, RawChunkEncoder } from '../../../src/series/codec/raw.js';
import { decodeRollup, RollupChunkEncoder } from '../../../src/series/codec/rollup.js';
import { ChunkFormatError } from '../../../src/series/codec/chunk-error.js';
import { readChunkHeader } from '../../../src/series/codec/chunk-format.js';
import { series } from './arbitraries.js';

function rawChunk(ts: readonly number[], vs: readonly number[], windowStart = 1795140000, step = 10): Uint8Array {
  const enc = new RawChunkEncoder(windowStart, step);
  ts.forEach((t, i) => enc.append(t, vs[i]));
  return enc.finish();
}

const ws = 1795140000;
const sample = rawChunk(
  Array.from({ length: 300 }, (_, i) => ws + 10 * i + (i > 200 ? 3 : 0)),
  Array.from({ length: 300 }, (_, i) => (i < 150 ? Math.round(Math.sin(i) * 1e5) / 1000 : i % 7 === 0 ? NaN : Math.cos(i))),
);

/** The same bytes with a valid CRC again, so only the decoder's own checks stand between damage and output. */
function reseal(data: Uint8Array): Uint8Array {
  const out = data.slice();
  const end = out.length - 4;
  new DataView(out.buffer).setUint32(end, crc32(out.subarray(0, end)));
  return out;
}

test('every truncation of a chunk is refused with a ChunkFormatError', () => {
  for (let n = 0; n < sample.length; n++) {
    assert.throws(() => decodeRaw(sample.subarray(0, n)), ChunkFormatError, `truncated to ${n} bytes`);
  }
});

test('every single flipped bit is refused with a ChunkFormatError', () => {
  for (let bit = 0; bit < sample.length * 8; bit++) {
    const bad = sample.slice();
    bad[bit >>> 3] ^= 0x80 >>> (bit & 7);
    assert.throws(() => decodeRaw(bad), ChunkFormatError, `bit ${bit} flipped`);
  }
});

/** Decoding damaged bytes may give points (the damage can make another valid chunk) or a ChunkFormatError; nothing else. */
function decodeOrRefuse(data: Uint8Array): void {
  try {
    const d = decodeRaw(data);
    assert.equal(d.timestamps.length, d.count);
    assert.equal(d.values.length, d.count);
  } catch (err) {
    if (!(err instanceof ChunkFormatError)) throw err;
  }
}

test('damage behind a valid checksum still gives a ChunkFormatError or points, never another failure', () => {
  fc.assert(
    fc.property(series, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (s, hits) => {
      const data = rawChunk(s.timestamps, s.values, s.windowStart, s.step).slice();
      for (const [at, mask] of hits) data[at % (data.length - 4)] ^= mask;
      decodeOrRefuse(reseal(data));
    }),
    { numRuns: 300 },
  );
  // and bytes cut out anywhere
  for (let cut = 0; cut < sample.length - 4; cut++) {
    decodeOrRefuse(reseal(new Uint8Array([...sample.subarray(0, cut), ...sample.subarray(cut + 1)])));
  }
});

test('a chunk of another encoding, version or kind of input is refused by name', () => {
  const rollup = new RollupChunkEncoder(0, 60);
  rollup.append(60, { sum: 1, min: 1, max: 1, last: 1, count: 1 });
  assert.throws(() => decodeRaw(rollup.finish()), /expected a raw chunk, got encoding 2/);
  assert.throws(() => decodeRollup(sample), /expected a rollup chunk, got encoding 1/);
  assert.throws(() => RawChunkEncoder.resume(rollup.finish()), ChunkFormatError);
  const future = sample.slice();
  future[0] = 99;
  assert.throws(() => decodeRaw(reseal(future)), /unknown chunk format version 99/);
  assert.throws(() => decodeRaw(new Uint8Array(0)), /truncated/);
  assert.throws(() => decodeRaw('nope' as unknown as Uint8Array), /must be a Uint8Array/);
  assert.throws(() => readChunkHeader(new Uint8Array([1, 1, 0x80])), ChunkFormatError);
});

test('a count larger than the data is refused rather than read past the end', () => {
  // header: version 1, raw, step 10, windowStart +0, count 1000, first 0, last 0; an empty timestamp column
  const lying = new Uint8Array([1, 1, 10, 0, 0, 0xe8, 0x07, 0, 0, 10, 0, 0x80, 0, 0, 0, 0, 0]);
  assert.throws(() => decodeRaw(reseal(lying)), ChunkFormatError);
});
