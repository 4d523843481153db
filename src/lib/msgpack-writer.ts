import { GrowingBuffer } from './growing-buffer.js';
import type { ByteBuffers } from './value-pool.js';

/**
 * A typed msgpack writer producing the bytes graphite-web's Python packers produce
 * (msgpack-python with use_bin_type, or its bundled u-msgpack): integers in their smallest
 * form, every float as float 64 (`0xcb`) even when integral, strings as UTF-8 str types.
 *
 * It exists because msgpackr packs an integral float such as 5.0 as the integer 5, and a
 * Python reader then sees an int where graphite-web would have sent a float (its JSON output
 * then prints `5` instead of `5.0`). Container sizes are given up front, as msgpack needs them.
 */
export class MsgpackWriter extends GrowingBuffer {
  constructor(initialBytes = 4096, lender?: ByteBuffers) {
    super(Math.max(64, initialBytes), lender);
  }

  nil(): this {
    this.ensure(1);
    this.buf[this.pos++] = 0xc0;
    return this;
  }

  bool(value: boolean): this {
    this.ensure(1);
    this.buf[this.pos++] = value ? 0xc3 : 0xc2;
    return this;
  }

  int(value: number): this {
    if (!Number.isInteger(value)) throw new RangeError(`msgpack int: ${value} is not an integer`);
    this.ensure(9);
    const b = this.buf;
    if (value >= 0) {
      if (value <= 0x7f) b[this.pos++] = value;
      else if (value <= 0xff) {
        b[this.pos++] = 0xcc;
        b[this.pos++] = value;
      } else if (value <= 0xffff) {
        b[this.pos++] = 0xcd;
        this.view.setUint16(this.pos, value);
        this.pos += 2;
      } else if (value <= 0xffffffff) {
        b[this.pos++] = 0xce;
        this.view.setUint32(this.pos, value);
        this.pos += 4;
      } else {
        b[this.pos++] = 0xcf;
        this.view.setBigUint64(this.pos, BigInt(value));
        this.pos += 8;
      }
    } else if (value >= -32) {
      b[this.pos++] = value & 0xff;
    } else if (value >= -0x80) {
      b[this.pos++] = 0xd0;
      this.view.setInt8(this.pos++, value);
    } else if (value >= -0x8000) {
      b[this.pos++] = 0xd1;
      this.view.setInt16(this.pos, value);
      this.pos += 2;
    } else if (value >= -0x80000000) {
      b[this.pos++] = 0xd2;
      this.view.setInt32(this.pos, value);
      this.pos += 4;
    } else {
      b[this.pos++] = 0xd3;
      this.view.setBigInt64(this.pos, BigInt(value));
      this.pos += 8;
    }
    return this;
  }

  float(value: number): this {
    this.ensure(9);
    this.buf[this.pos++] = 0xcb;
    this.view.setFloat64(this.pos, value);
    this.pos += 8;
    return this;
  }

  /** A float, or nil when `value` is NaN: graphite's datapoint convention. */
  floatOrNil(value: number): this {
    return value === value ? this.float(value) : this.nil();
  }

  str(value: string): this {
    // ASCII is the common case: its byte length is its length, so the header is known first
    const maxBytes = value.length * 3;
    this.ensure(5 + maxBytes);
    const headerAt = this.pos;
    const headerSize = maxBytes <= 31 ? 1 : maxBytes <= 0xff ? 2 : maxBytes <= 0xffff ? 3 : 5;
    const written = this.buf.write(value, headerAt + headerSize, 'utf8');
    const exact = written <= 31 ? 1 : written <= 0xff ? 2 : written <= 0xffff ? 3 : 5;
    if (exact !== headerSize) this.buf.copyWithin(headerAt + exact, headerAt + headerSize, headerAt + headerSize + written);
    if (exact === 1) this.buf[headerAt] = 0xa0 | written;
    else if (exact === 2) {
      this.buf[headerAt] = 0xd9;
      this.buf[headerAt + 1] = written;
    } else if (exact === 3) {
      this.buf[headerAt] = 0xda;
      this.view.setUint16(headerAt + 1, written);
    } else {
      this.buf[headerAt] = 0xdb;
      this.view.setUint32(headerAt + 1, written);
    }
    this.pos = headerAt + exact + written;
    return this;
  }

  /** Then write `length` values. */
  array(length: number): this {
    this.ensure(5);
    if (length <= 15) this.buf[this.pos++] = 0x90 | length;
    else if (length <= 0xffff) {
      this.buf[this.pos++] = 0xdc;
      this.view.setUint16(this.pos, length);
      this.pos += 2;
    } else {
      this.buf[this.pos++] = 0xdd;
      this.view.setUint32(this.pos, length);
      this.pos += 4;
    }
    return this;
  }

  /** Then write `length` key, value pairs. */
  map(length: number): this {
    this.ensure(5);
    if (length <= 15) this.buf[this.pos++] = 0x80 | length;
    else if (length <= 0xffff) {
      this.buf[this.pos++] = 0xde;
      this.view.setUint16(this.pos, length);
      this.pos += 2;
    } else {
      this.buf[this.pos++] = 0xdf;
      this.view.setUint32(this.pos, length);
      this.pos += 4;
    }
    return this;
  }

  /** The bytes written so far (a view; the writer must not be used afterwards). */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
