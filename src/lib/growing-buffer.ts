import type { ByteBuffers } from './value-pool.js';

/**
 * A byte buffer that doubles when full: the shared body of the writers that build an answer
 * in memory (pickle, msgpack, render's text). Subclasses write at `pos` after `ensure`. Its
 * memory comes from `lender` when given (a request's ByteArena), fresh otherwise.
 */
export class GrowingBuffer {
  protected buf: Buffer;
  protected view: DataView;
  protected pos = 0;

  constructor(
    initialBytes: number,
    private readonly lender?: ByteBuffers,
  ) {
    this.buf = lender === undefined ? Buffer.allocUnsafe(initialBytes) : lender.take(initialBytes);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** Room for `extra` more bytes. */
  protected ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = this.lender === undefined ? Buffer.allocUnsafe(size) : this.lender.take(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.lender?.outgrown(this.buf);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }
}
