import { BitReader, BitWriter, wordsOf } from './bits.js';
import { ChunkFormatError } from './chunk-error.js';
import type { ByteReader, ByteWriter } from './bytes.js';

/**
 * A column's bit stream inside a chunk: varint byte length, then the bytes. `tailBit` is the
 * one bit a finished copy may need beyond what the live stream holds (a run's closing `1`).
 */
export function writeColumnBits(out: ByteWriter, bits: BitWriter, tailBit: boolean): void {
  const total = bits.length + (tailBit ? 1 : 0);
  const n = (total + 7) >>> 3;
  out.varint(n);
  out.ensure(n);
  bits.copyBytes(out.bytes, out.length);
  if (tailBit) out.bytes[out.length + (bits.length >>> 3)] |= 0x80 >>> (bits.length & 7);
  out.length += n;
}

/** Opens the next column of a chunk for reading (its words live in the shared decode scratch). */
export function readColumnBits(input: ByteReader, what: string): BitReader {
  const n = input.varint(`${what} length`);
  if (n > input.end - input.pos) throw new ChunkFormatError(`chunk is truncated (${what} needs ${n} bytes)`);
  const start = input.pos;
  input.pos += n;
  return new BitReader(wordsOf(input.bytes, start, start + n), n * 8);
}

/** A reader over a live stream plus its pending tail bit, for an encoder that re-reads itself. */
export function readOwnBits(bits: BitWriter, tailBit: boolean): BitReader {
  const used = (bits.length >>> 5) + 1;
  const words = new Uint32Array(used + 2);
  for (let i = 0; i < used; i++) words[i] = bits.word(i);
  if (tailBit) words[bits.length >>> 5] |= 0x80000000 >>> (bits.length & 31);
  return new BitReader(words, bits.length + (tailBit ? 1 : 0));
}
