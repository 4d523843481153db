import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ByteReader, ByteWriter } from '../../../src/series/codec/bytes.js';
import { ChunkFormatError } from '../../../src/series/codec/chunk-error.js';

test('varints round-trip every safe integer, signed ones too', () => {
  fc.assert(
    fc.property(fc.array(fc.maxSafeInteger(), { maxLength: 50 }), (values) => {
      const w = new ByteWriter(4);
      for (const v of values) {
        w.varint(Math.abs(v));
        w.svarint(v);
      }
      const r = new ByteReader(w.result());
      for (const v of values) {
        assert.equal(r.varint('u'), Math.abs(v));
        assert.equal(r.svarint('s'), v);
      }
      assert.equal(r.pos, r.end);
    }),
  );
});

test('small varints take one byte', () => {
  const w = new ByteWriter(1);
  w.varint(127);
  w.varint(128);
  assert.deepEqual([...w.result()], [0x7f, 0x80, 0x01]);
});

test('truncated, over-long and out-of-range varints are refused by name', () => {
  assert.throws(() => new ByteReader(new Uint8Array([0x80])).varint('count'), /truncated \(reading count\)/);
  assert.throws(() => new ByteReader(new Uint8Array(9).fill(0x80)).varint('step'), /over-long varint \(step\)/);
  // 2^56 - 1: eight bytes, beyond 2^53
  assert.throws(() => new ByteReader(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])).varint('x'), /out of range/);
  assert.throws(() => new ByteReader(new Uint8Array([2, 0])).svarint('window start'), ChunkFormatError);
});
