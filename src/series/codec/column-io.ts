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

/** Words the readers of live streams copy into, one array per slot, reused (decoding is synchronous). */
const ownWords = [new Uint32Array(256), new Uint32Array(256)];

/**
 * A reader over a live stream plus its pending tail bit, for an encoder that re-reads itself.
 * Its words are a copy in the slot's reused array: a reader lives until the next readOwnBits
 * of its slot, so two streams read together (a value column's integers and corrections) take
 * the two slots.
 */
export function readOwnBits(bits: BitWriter, tailBit: boolean, slot: 0 | 1 = 0): BitReader {
  const used = (bits.length >>> 5) + 1;
  let words = ownWords[slot];
  if (words.length < used + 2) words = ownWords[slot] = new Uint32Array(Math.max(used + 2, words.length * 2));
  const live = bits.words;
  if (live !== null && live.length >= used) words.set(live.subarray(0, used));
  else for (let i = 0; i < used; i++) words[i] = bits.word(i);
  // BitReader's promise: two zero words past the data
  words[used] = 0;
  words[used + 1] = 0;
  if (tailBit) words[bits.length >>> 5] |= 0x80000000 >>> (bits.length & 31);
  return new BitReader(words, bits.length + (tailBit ? 1 : 0));
}
