// The CQL native protocol v4 frame: a 9-byte header and a body of the notations of
// native_protocol_v4.spec section 3 ([int], [short], [string], [bytes], [value], ...).

export const HEADER_SIZE = 9;
export const PROTOCOL_VERSION = 4;
/** native_protocol_v4.spec 2.5: a frame is limited to 256 MB. */
export const MAX_BODY = 256 * 1024 * 1024;

export const Opcode = {
  ERROR: 0x00,
  STARTUP: 0x01,
  READY: 0x02,
  AUTHENTICATE: 0x03,
  OPTIONS: 0x05,
  SUPPORTED: 0x06,
  QUERY: 0x07,
  RESULT: 0x08,
  PREPARE: 0x09,
  EXECUTE: 0x0a,
  REGISTER: 0x0b,
  EVENT: 0x0c,
  BATCH: 0x0d,
  AUTH_CHALLENGE: 0x0e,
  AUTH_RESPONSE: 0x0f,
  AUTH_SUCCESS: 0x10,
} as const;

export const FrameFlag = { COMPRESSION: 0x01, TRACING: 0x02, CUSTOM_PAYLOAD: 0x04, WARNING: 0x08 } as const;

export interface FrameHeader {
  version: number;
  flags: number;
  stream: number;
  opcode: number;
  length: number;
}

export function readHeader(buf: Buffer, at: number): FrameHeader {
  return {
    version: buf[at] & 0x7f,
    flags: buf[at + 1],
    stream: buf.readInt16BE(at + 2),
    opcode: buf[at + 4],
    length: buf.readInt32BE(at + 5),
  };
}

/** Thrown when a request body does not follow the notation it claims. */
export class ProtocolViolation extends Error {}

/** Reads the notations of a request body, front to back. Values are views into the body. */
export class BodyReader {
  pos = 0;
  constructor(readonly buf: Buffer) {}

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new ProtocolViolation(`truncated frame body (needed ${n} more bytes at ${this.pos} of ${this.buf.length})`);
  }
  byte(): number {
    this.need(1);
    return this.buf[this.pos++];
  }
  short(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  int(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  long(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }
  string(): string {
    const n = this.short();
    this.need(n);
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
  longString(): string {
    const n = this.int();
    if (n < 0) throw new ProtocolViolation('negative [long string] length');
    this.need(n);
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
  shortBytes(): Buffer {
    const n = this.short();
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  /** [bytes]: null when the length is negative. */
  bytes(): Buffer | null {
    const n = this.int();
    if (n < 0) return null;
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  /** [value]: null for -1, UNSET for -2 (section 3). */
  value(): Buffer | null | typeof UNSET {
    const n = this.int();
    if (n === -1) return null;
    if (n === -2) return UNSET;
    if (n < -2) throw new ProtocolViolation(`invalid [value] length ${n}`);
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  stringList(): string[] {
    const n = this.short();
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.string());
    return out;
  }
  stringMap(): Map<string, string> {
    const n = this.short();
    const out = new Map<string, string>();
    for (let i = 0; i < n; i++) out.set(this.string(), this.string());
    return out;
  }
  bytesMap(): Map<string, Buffer | null> {
    const n = this.short();
    const out = new Map<string, Buffer | null>();
    for (let i = 0; i < n; i++) out.set(this.string(), this.bytes());
    return out;
  }
}

/** The `not set` bound value of protocol v4: leaves the column as it was. */
export const UNSET: unique symbol = Symbol('unset');
export type BoundValue = Buffer | null | typeof UNSET;

/** Builds a response body; grows by doubling so a large page costs few copies. */
export class BodyWriter {
  buf: Buffer;
  pos = HEADER_SIZE;
  constructor(size = 256) {
    this.buf = Buffer.allocUnsafe(Math.max(size, 64) + HEADER_SIZE);
  }
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  byte(v: number): this {
    this.ensure(1);
    this.buf[this.pos++] = v;
    return this;
  }
  short(v: number): this {
    this.ensure(2);
    this.buf.writeUInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }
  int(v: number): this {
    this.ensure(4);
    this.buf.writeInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }
  long(v: bigint): this {
    this.ensure(8);
    this.buf.writeBigInt64BE(v, this.pos);
    this.pos += 8;
    return this;
  }
  string(s: string): this {
    const n = Buffer.byteLength(s);
    this.ensure(2 + n);
    this.buf.writeUInt16BE(n, this.pos);
    this.buf.write(s, this.pos + 2, n, 'utf8');
    this.pos += 2 + n;
    return this;
  }
  stringList(list: readonly string[]): this {
    this.short(list.length);
    for (const s of list) this.string(s);
    return this;
  }
  shortBytes(b: Buffer): this {
    this.ensure(2 + b.length);
    this.buf.writeUInt16BE(b.length, this.pos);
    b.copy(this.buf, this.pos + 2);
    this.pos += 2 + b.length;
    return this;
  }
  /** [bytes]; null is written as length -1. */
  bytes(b: Buffer | null): this {
    if (b === null) return this.int(-1);
    this.ensure(4 + b.length);
    this.buf.writeInt32BE(b.length, this.pos);
    b.copy(this.buf, this.pos + 4);
    this.pos += 4 + b.length;
    return this;
  }
  stringMultimap(map: ReadonlyMap<string, readonly string[]>): this {
    this.short(map.size);
    for (const [k, v] of map) this.string(k).stringList(v);
    return this;
  }
  /** Writes the header in front of the body and returns the whole frame. */
  finish(stream: number, opcode: number, flags = 0): Buffer {
    const b = this.buf;
    b[0] = 0x80 | PROTOCOL_VERSION;
    b[1] = flags;
    b.writeInt16BE(stream, 2);
    b[4] = opcode;
    b.writeInt32BE(this.pos - HEADER_SIZE, 5);
    return b.subarray(0, this.pos);
  }
}
