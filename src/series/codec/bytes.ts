import { ChunkFormatError } from './chunk-error.js';

/**
 * Byte-level framing of a chunk: LEB128 varints for the header fields (safe integers up to
 * 2^53, by arithmetic rather than 32-bit shifts) and a growable output buffer.
 */
export class ByteWriter {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(16, capacity));
  }

  ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(this.length + extra, this.bytes.length * 2));
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }

  byte(b: number): void {
    this.ensure(1);
    this.bytes[this.length++] = b;
  }

  /** Unsigned varint of a non-negative safe integer. */
  varint(value: number): void {
    this.ensure(8);
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.bytes[this.length++] = v;
  }

  /** Signed varint: sign in the lowest bit, magnitude above it (any safe integer). */
  svarint(value: number): void {
    if (value < 0) {
      // 2|v| - 1 would lose precision near 2^53, so the sign goes in a byte of its own
      this.byte(1);
      this.varint(-value);
    } else {
      this.byte(0);
      this.varint(value);
    }
  }

  /** The written bytes, trimmed to length (a copy only when the buffer is larger). */
  result(): Uint8Array {
    return this.length === this.bytes.length ? this.bytes : this.bytes.slice(0, this.length);
  }
}

export class ByteReader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  byte(what: string): number {
    if (this.pos >= this.end) throw new ChunkFormatError(`chunk is truncated (reading ${what})`);
    return this.bytes[this.pos++];
  }

  varint(what: string): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      if (i === 8) throw new ChunkFormatError(`chunk has an over-long varint (${what})`);
      const b = this.byte(what);
      value += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
    }
    if (!Number.isSafeInteger(value)) throw new ChunkFormatError(`chunk ${what} is out of range`);
    return value;
  }

  svarint(what: string): number {
    const sign = this.byte(what);
    if (sign > 1) throw new ChunkFormatError(`chunk ${what} has a bad sign byte`);
    const magnitude = this.varint(what);
    return sign === 1 ? -magnitude : magnitude;
  }
}
