/**
 * A byte buffer that doubles when full: the shared body of the writers that build an answer
 * in memory (pickle, msgpack, render's text). Subclasses write at `pos` after `ensure`.
 */
export class GrowingBuffer {
  protected buf: Buffer;
  protected view: DataView;
  protected pos = 0;

  constructor(initialBytes: number) {
    this.buf = Buffer.allocUnsafe(initialBytes);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** Room for `extra` more bytes. */
  protected ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }
}
