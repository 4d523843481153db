import { ChunkFormatError } from './chunk-error.js';
/** Re-exported where it first lived, for code written against the first version of the codec. */
export { ChunkFormatError };

/**
 * Bit streams on 32-bit words, most significant bit first. Plain numbers only (no BigInt):
 * every write and read moves at most 32 bits; wider fields go through writeWide/readWide.
 */

const TWO_32 = 2 ** 32;
/** what a V8 Uint32Array costs beside its elements (measured on Node 20, x64) */
const TYPED_ARRAY_BYTES = 200;

export class BitWriter {
  /**
   * The stream's words once it outgrows its first 64 bits; until then those live in head0 and
   * head1. A V8 typed array costs about 200 bytes before any data, and a hot chunk's timestamps
   * (a run of regular steps) often never need more than 64 bits. The head words are kept as
   * signed 32-bit integers: V8 then stores them inline, where an unsigned one past 2^31 would be
   * a boxed number of its own.
   */
  words: Uint32Array | null = null;
  private head0 = 0;
  private head1 = 0;
  /** bits written so far */
  length = 0;

  /** capacityWords: words to allocate when the stream outgrows its head (0: grow as needed) */
  constructor(private readonly capacityWords = 0) {}

  /** Bytes allocated for the stream beyond the writer itself (with a typed array's own ~200). */
  get byteCapacity(): number {
    return this.words === null ? 0 : TYPED_ARRAY_BYTES + this.words.byteLength;
  }

  /** Words allocated for the stream (a size hint for a stream that replaces this one). */
  get capacity(): number {
    return this.words === null ? 2 : this.words.length;
  }

  /** Appends the low `n` bits of `value` (0 <= n <= 32; `value` already fits in n bits). */
  write(value: number, n: number): void {
    const pos = this.length;
    const w = pos >>> 5;
    let words = this.words;
    // keep one spare word so a write never needs to check twice
    if (words === null || w + 1 >= words.length) {
      if (words === null && pos + n <= 64) {
        this.writeHead(value, n);
        return;
      }
      words = this.grow();
    }
    const free = 32 - (pos & 31);
    if (n <= free) {
      if (n !== 0) words[w] |= value << (free - n);
    } else {
      const over = n - free;
      words[w] |= value >>> over;
      words[w + 1] = value << (32 - over);
    }
    this.length = pos + n;
  }

  writeBit(bit: number): void {
    const pos = this.length;
    const words = this.words;
    if (words === null || (pos >>> 5) + 1 >= words.length) {
      this.write(bit, 1);
      return;
    }
    if (bit !== 0) words[pos >>> 5] |= 0x80000000 >>> (pos & 31);
    this.length = pos + 1;
  }

  /** Appends the low `n` bits (n <= 53) of a non-negative safe integer. */
  writeWide(value: number, n: number): void {
    if (n <= 32) this.write(value >>> 0, n);
    else {
      this.write(Math.floor(value / TWO_32), n - 32);
      this.write(value >>> 0, 32);
    }
  }

  /** Word i of the stream (0 past its end). */
  word(i: number): number {
    if (this.words !== null) return i < this.words.length ? this.words[i] : 0;
    return i === 0 ? this.head0 >>> 0 : i === 1 ? this.head1 >>> 0 : 0;
  }

  /** The stream as ceil(length / 8) bytes, padded with zero bits, into `out` at `at`. */
  copyBytes(out: Uint8Array, at: number): void {
    const n = (this.length + 7) >>> 3;
    const words = this.words;
    let i = 0;
    if (words !== null) {
      for (; i + 4 <= n; i += 4) {
        const word = words[i >>> 2];
        out[at + i] = word >>> 24;
        out[at + i + 1] = word >>> 16;
        out[at + i + 2] = word >>> 8;
        out[at + i + 3] = word;
      }
    }
    for (; i < n; i++) out[at + i] = this.word(i >>> 2) >>> (24 - 8 * (i & 3));
  }

  /** A write that fits the head (the stream is at most 64 bits long). */
  private writeHead(value: number, n: number): void {
    const pos = this.length;
    this.length = pos + n;
    if (n === 0) return;
    if (pos >= 32) {
      this.head1 |= value << (64 - pos - n);
      return;
    }
    const free = 32 - pos;
    if (n <= free) {
      this.head0 |= value << (free - n);
    } else {
      const over = n - free;
      this.head0 |= value >>> over;
      this.head1 = value << (32 - over);
    }
  }

  private grow(): Uint32Array {
    const old = this.words;
    let bigger: Uint32Array;
    if (old === null) {
      bigger = new Uint32Array(Math.max(8, this.capacityWords));
      bigger[0] = this.head0;
      bigger[1] = this.head1;
    } else {
      // doubling while small (few copies for a typical chunk), then by half (less slack to account for)
      const n = old.length;
      bigger = new Uint32Array(n < 128 ? Math.max(16, n * 2) : Math.ceil(n * 1.5));
      bigger.set(old);
    }
    this.words = bigger;
    return bigger;
  }
}

/**
 * Reads a stream made by BitWriter. `words` carries at least two zero words past the data, so
 * reads near the end stay inside the array; `end` (bits) is checked by the caller at the end of
 * each column (a truncated or corrupt stream shows up as reading past it).
 */
export class BitReader {
  pos = 0;
  constructor(
    readonly words: Uint32Array,
    readonly end: number,
  ) {}

  /** The next 32 bits, without consuming them. */
  peek32(): number {
    const pos = this.pos;
    const b = pos & 31;
    const w = pos >>> 5;
    return b === 0 ? this.words[w] : ((this.words[w] << b) | (this.words[w + 1] >>> (32 - b))) >>> 0;
  }

  /** Reads n bits, 1 <= n <= 32. */
  read(n: number): number {
    const v = this.peek32() >>> (32 - n);
    this.pos += n;
    return v;
  }

  readBit(): number {
    const pos = this.pos;
    this.pos = pos + 1;
    return (this.words[pos >>> 5] >>> (31 - (pos & 31))) & 1;
  }

  /** Reads n bits, 0 <= n <= 53, as a non-negative integer. */
  readWide(n: number): number {
    if (n === 0) return 0;
    if (n <= 32) return this.read(n);
    const hi = this.read(n - 32);
    return hi * TWO_32 + this.read(32);
  }

  /** Throws unless the stream ended inside its data. */
  checkEnd(what: string): void {
    if (this.pos > this.end) throw new ChunkFormatError(`chunk ${what} is truncated or corrupt (read ${this.pos} of ${this.end} bits)`);
  }
}

let scratch = new Uint32Array(256);

/**
 * Big-endian words of bytes[start, end), in a scratch buffer shared by every decode (decoding
 * is synchronous), followed by at least two zero words.
 */
export function wordsOf(bytes: Uint8Array, start: number, end: number): Uint32Array {
  const n = end - start;
  const need = (n >>> 2) + 3;
  if (scratch.length < need) scratch = new Uint32Array(Math.max(need, scratch.length * 2));
  const words = scratch;
  const full = n >>> 2;
  // a DataView's big-endian read is one load and a byte swap once optimised
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, full * 4);
  for (let i = 0; i < full; i++) words[i] = view.getUint32(i * 4);
  let p = start + full * 4;
  let last = 0;
  for (let s = 24; p < end; p++, s -= 8) last |= bytes[p] << s;
  words[full] = last >>> 0;
  words[full + 1] = 0;
  words[full + 2] = 0;
  return words;
}
