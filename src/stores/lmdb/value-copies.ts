import type { ChunkCopies } from '../../lib/value-pool.js';

const sliceBytes = Uint8Array.prototype.slice;

/**
 * The value encoding of the chunks database: bytes as they are, like lmdb-js's 'binary', except
 * where a read copies them. lmdb-js hands a decoder that says it copies (`needsStableBuffer`
 * unset) its shared read buffer, valid until the next read; `decode` copies the value into the
 * memory of the read running now (`into`, set around a synchronous pass of reads) when there is
 * one, into a Buffer of its own otherwise, which is what 'binary' would have made. A render's
 * chunk values then live in memory it gives back, not in an ArrayBuffer each.
 */
export class ChunkValueCodec {
  /** where decode copies to while a read that lends memory runs */
  into: ChunkCopies | undefined;

  encode(value: Buffer): Buffer {
    return value;
  }

  decode(bytes: Uint8Array, size: unknown): Buffer {
    // a cursor passes the value's size; get() passes its options and a buffer of the right length
    const length = typeof size === 'number' ? size : bytes.length;
    return this.into !== undefined ? this.into.copy(bytes, length) : (sliceBytes.call(bytes, 0, length) as Buffer);
  }

  /** Runs `read` (synchronous) with its values copied into `copies`. */
  with<T>(copies: ChunkCopies | undefined, read: () => T): T {
    if (copies === undefined) return read();
    this.into = copies;
    try {
      return read();
    } finally {
      this.into = undefined;
    }
  }
}
