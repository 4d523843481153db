import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BitReader, BitWriter, wordsOf } from '../../../src/series/codec/bits.js';
import { ChunkFormatError } from '../../../src/series/codec/chunk-error.js';

/** A field: n bits (0-53) and a value that fits them. */
const field = fc.integer({ min: 0, max: 53 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: 2 ** n - 1 })));

test('fields of any width read back as written, through bytes and words', () => {
  fc.assert(
    fc.property(fc.array(field, { maxLength: 300 }), (fields) => {
      const w = new BitWriter(2);
      for (const [n, v] of fields) {
        if (n <= 32) w.write(v >>> 0, n);
        else w.writeWide(v, n);
      }
      assert.equal(w.length, fields.reduce((s, [n]) => s + n, 0));
      const bytes = new Uint8Array(((w.length + 7) >>> 3) + 3).fill(0xee);
      w.copyBytes(bytes, 3);
      const n = (w.length + 7) >>> 3;
      const r = new BitReader(wordsOf(bytes, 3, 3 + n), n * 8);
      for (const [width, v] of fields) assert.equal(r.readWide(width), v);
      assert.equal(r.pos, w.length);
      r.checkEnd('test');
    }),
  );
});

test('single bits and 32-bit fields keep their place', () => {
  const w = new BitWriter();
  w.writeBit(1);
  w.write(0xffffffff, 32);
  w.writeBit(0);
  w.write(0x80000001, 32);
  const bytes = new Uint8Array(9);
  w.copyBytes(bytes, 0);
  const r = new BitReader(wordsOf(bytes, 0, 9), 72);
  assert.deepEqual([r.readBit(), r.read(32), r.readBit(), r.read(32)], [1, 0xffffffff, 0, 0x80000001]);
});

test('reading past the end of a stream is reported', () => {
  const r = new BitReader(wordsOf(new Uint8Array([0xff]), 0, 1), 8);
  r.read(12);
  assert.throws(() => r.checkEnd('values'), ChunkFormatError);
  assert.throws(() => r.checkEnd('values'), /chunk values is truncated or corrupt/);
});
