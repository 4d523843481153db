/**
 * Bit streams on 32-bit words, most significant bit first. Plain numbers only (no BigInt):
 * every write and read moves at most 32 bits; wider fields go through writeWide/readWide.
 */

const TWO_32 = 2 ** 32;

export class BitWriter {
  words: Uint32Array;
  /** bits written so far */
  length = 0;

  constructor(capacityWords = 4) {
    this.words = new Uint32Array(Math.max(2, capacityWords));
  }

  /** Bytes allocated for the stream. */
  get byteCapacity(): number {
    return this.words.byteLength;
  }

  /** Appends the low `n` bits of `value` (0 <= n <= 32; `value` already fits in n bits). */
  write(value: number, n: number): void {
    const pos = this.length;
    const w = pos >>> 5;
    // keep one spare word so a write never needs to check twice
    if (w + 1 >= this.words.length) this.grow();
    const free = 32 - (pos & 31);
    if (n <= free) {
      if (n !== 0) this.words[w] |= value << (free - n);
    } else {
      const over = n - free;
      this.words[w] |= value >>> over;
      this.words[w + 1] = value << (32 - over);
    }
    this.length = pos + n;
  }

  writeBit(bit: number): void {
    const pos = this.length;
    const w = pos >>> 5;
    if (w + 1 >= this.words.length) this.grow();
    if (bit !== 0) this.words[w] |= 0x80000000 >>> (pos & 31);
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

  /** Forgets everything written (keeps the buffer). */
  reset(): void {
    this.words.fill(0, 0, (this.length >>> 5) + 1);
    this.length = 0;
  }

  /** The stream as ceil(length / 8) bytes, padded with zero bits, into `out` at `at`. */
  copyBytes(out: Uint8Array, at: number): void {
    const n = (this.length + 7) >>> 3;
    const words = this.words;
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const word = words[i >>> 2];
      out[at + i] = word >>> 24;
      out[at + i + 1] = word >>> 16;
      out[at + i + 2] = word >>> 8;
      out[at + i + 3] = word;
    }
    for (; i < n; i++) out[at + i] = words[i >>> 2] >>> (24 - 8 * (i & 3));
  }

  private grow(): void {
    // doubling while small (few copies for a typical chunk), then by half (less slack to account for)
    const n = this.words.length;
    const bigger = new Uint32Array(n < 128 ? Math.max(16, n * 2) : Math.ceil(n * 1.5));
    bigger.set(this.words);
    this.words = bigger;
  }
}

/** Thrown for any chunk that cannot be decoded as written. */
export class ChunkFormatError extends Error {
  override name = 'ChunkFormatError';
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
  let p = start;
  for (let i = 0; i < full; i++, p += 4) {
    words[i] = ((bytes[p] << 24) | (bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3]) >>> 0;
  }
  let last = 0;
  for (let s = 24; p < end; p++, s -= 8) last |= bytes[p] << s;
  words[full] = last >>> 0;
  words[full + 1] = 0;
  words[full + 2] = 0;
  return words;
}
