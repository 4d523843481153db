import { GrowingBuffer } from '../../lib/growing-buffer.js';

/** A message between nodes that cannot be read: cut short, too large, or not ours at all. */
export class WireError extends Error {
  override readonly name = 'WireError';
}

/** Little-endian fields of carbyne's node-to-node messages, written into one growing buffer. */
export class WireWriter extends GrowingBuffer {
  constructor(initialBytes = 4096) {
    super(initialBytes);
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, v, true);
    this.pos += 4;
  }

  f64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  str(s: string): void {
    // at most 3 bytes per UTF-16 unit
    this.ensure(4 + s.length * 3);
    const n = this.buf.write(s, this.pos + 4, 'utf8');
    this.view.setUint32(this.pos, n, true);
    this.pos += 4 + n;
  }

  strs(list: readonly string[]): void {
    this.u32(list.length);
    for (const s of list) this.str(s);
  }

  /** A Float64Array as its count and raw bytes (NaN, a missing value, travels as itself). */
  f64s(values: Float64Array): void {
    this.u32(values.length);
    this.ensure(values.length * 8);
    this.buf.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), this.pos);
    this.pos += values.byteLength;
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

/** Reads what WireWriter wrote; every read checks its bounds and throws WireError past the end. */
export class WireReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Buffer) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get done(): boolean {
    return this.pos === this.buf.length;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new WireError(`message cut short at byte ${this.pos} (${n} more needed, ${this.buf.length} in all)`);
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  str(): string {
    const n = this.u32();
    this.need(n);
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  /** A count of items that each take at least `minBytes`: a count the rest cannot hold is garbage. */
  count(minBytes: number): number {
    const n = this.u32();
    if (n * minBytes > this.buf.length - this.pos) throw new WireError(`a count of ${n} does not fit in the ${this.buf.length - this.pos} bytes left`);
    return n;
  }

  strs(): string[] {
    const n = this.count(4);
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = this.str();
    return out;
  }

  f64s(): Float64Array {
    const n = this.count(8);
    // copied: the values outlive the message, and the buffer's offset need not be 8-aligned
    const out = new Float64Array(n);
    new Uint8Array(out.buffer).set(this.buf.subarray(this.pos, this.pos + n * 8));
    this.pos += n * 8;
    return out;
  }

  bool(): boolean {
    const v = this.u8();
    if (v > 1) throw new WireError(`expected a flag, got ${v}`);
    return v === 1;
  }

  end(): void {
    if (!this.done) throw new WireError(`${this.buf.length - this.pos} bytes after the end of the message`);
  }
}
