/**
 * Memory lent to a request: the Float64Arrays of the buckets it reads, and the bytes of the
 * answer it writes; taken back once they are no longer used.
 *
 * Why: V8 counts the memory of every new ArrayBuffer as old-generation growth, so a render that
 * allocates its buckets and its answer afresh (20 series x 1 day is 1.4 MB of buckets and
 * 0.3 MB of json) starts a full mark-compact of the whole heap every few requests once V8 has
 * set its heap limit just above the live heap (after an idle period or a forced collection),
 * although none of that memory outlives the request. Memory taken from this pool is allocated
 * once and reused.
 */

/**
 * Where a read takes the arrays of its buckets (a request's arena, or fresh arrays without one),
 * and the copies of the stored chunks it decodes into them.
 */
export interface ValueBuffers extends ChunkCopies {
  /** An array of exactly `length` values, contents unspecified. */
  take(length: number): Float64Array;
}

/** Where a store copies the chunk values a read decodes and then drops (ChunkStore.readMany). */
export interface ChunkCopies {
  /** A copy of `bytes[0, length)`. */
  copy(bytes: Uint8Array, length: number): Buffer;
}

/** Where a writer takes the bytes of an answer it builds in memory (GrowingBuffer). */
export interface ByteBuffers {
  /** A buffer of at least `minBytes` bytes (often more: all of it may be used), contents unspecified. */
  take(minBytes: number): Buffer;
  /** Gives back a buffer `take` lent that its writer has outgrown and no longer refers to. */
  outgrown(buffer: Buffer): void;
}

/** ArrayBuffers of 2^9 .. 2^24 bytes are pooled (512 B .. 16 MB); larger or smaller ones are not. */
const MIN_CLASS = 9;
const MAX_CLASS = 24;

/** The smallest power-of-two class holding `bytes`. */
function classOf(bytes: number): number {
  const c = 32 - Math.clz32(bytes - 1);
  return c < MIN_CLASS ? MIN_CLASS : c;
}

/**
 * The process' spare ArrayBuffers by size class (powers of two), at most `maxBytes` of them; one
 * instance serves every request of a process.
 */
export class ValuePool {
  private readonly free: ArrayBuffer[][] = Array.from({ length: MAX_CLASS + 1 }, () => []);
  private held = 0;

  constructor(readonly maxBytes = 64 * 1024 * 1024) {}

  /** bytes of spare buffers kept */
  get bytes(): number {
    return this.held;
  }

  /** An ArrayBuffer of at least `bytes`: a whole pooled class, reused or new, or null past the largest class. */
  takeBuffer(bytes: number): ArrayBuffer | null {
    if (bytes > 2 ** MAX_CLASS || bytes < 1) return null;
    const c = classOf(bytes);
    const spare = this.free[c].pop();
    if (spare === undefined) return new ArrayBuffer(2 ** c);
    this.held -= spare.byteLength;
    return spare;
  }

  /** Takes back a buffer this pool lent (ignored once the pool holds maxBytes). */
  give(buffer: ArrayBuffer): void {
    if (this.held + buffer.byteLength > this.maxBytes) return;
    this.free[classOf(buffer.byteLength)].push(buffer);
    this.held += buffer.byteLength;
  }
}

/**
 * One request's loans from a ValuePool. `release()` gives them all back; call it only once
 * nothing can touch them again. A request that fails does not release, and its loans are left to
 * the garbage collector, as work called off mid-way may still hold some. After release, nothing
 * more is lent from the pool (a straggler gets fresh memory).
 */
abstract class Loans {
  private lent: ArrayBuffer[] | null = [];

  constructor(private readonly pool: ValuePool) {}

  /** A pooled buffer of at least `bytes`, recorded as lent; null when it must be fresh memory. */
  protected borrow(bytes: number): ArrayBuffer | null {
    if (this.lent === null) return null;
    const buffer = this.pool.takeBuffer(bytes);
    if (buffer !== null) this.lent.push(buffer);
    return buffer;
  }

  /** Gives one loan back before the others (nothing refers to it any more); anything else is ignored. */
  protected returnEarly(buffer: ArrayBuffer): void {
    const lent = this.lent;
    const i = lent === null ? -1 : lent.lastIndexOf(buffer);
    if (i < 0) return;
    lent![i] = lent![lent!.length - 1];
    lent!.pop();
    this.pool.give(buffer);
  }

  release(): void {
    const lent = this.lent;
    if (lent === null) return;
    this.lent = null;
    for (const buffer of lent) this.pool.give(buffer);
  }
}

/** Chunk copies are cut from slabs of this size; a value past a quarter of it that does not fit the current slab is copied alone. */
const SLAB_BYTES = 64 * 1024;

/**
 * A request's value arrays (the buckets of the series it reads) and copies of the stored chunks
 * it decodes: given back once its answer is bytes.
 */
export class ValueArena extends Loans implements ValueBuffers {
  private slab: ArrayBuffer | null = null;
  private slabUsed = 0;

  take(length: number): Float64Array {
    const buffer = this.borrow(length * 8);
    return buffer === null ? new Float64Array(length) : new Float64Array(buffer, 0, length);
  }

  copy(bytes: Uint8Array, length: number): Buffer {
    if (this.slab === null || this.slabUsed + length > SLAB_BYTES) {
      const slab = length > SLAB_BYTES / 4 ? null : this.borrow(SLAB_BYTES);
      if (slab === null) return Buffer.from(bytes.subarray(0, length));
      this.slab = slab;
      this.slabUsed = 0;
    }
    const out = Buffer.from(this.slab, this.slabUsed, length);
    // not `bytes` itself when it is as long: lmdb-js's read buffer says it is while it is longer
    out.set(bytes.subarray(0, length));
    // 8-byte aligned, as a decoder may view a chunk's words through a DataView or typed array
    this.slabUsed += (length + 7) & ~7;
    return out;
  }

  override release(): void {
    this.slab = null;
    super.release();
  }
}

/**
 * A request's answer bytes: given back once the answer has been handed to the socket (the
 * response's 'finish'), not before, as the socket writes from them until then.
 */
export class ByteArena extends Loans implements ByteBuffers {
  take(minBytes: number): Buffer {
    const buffer = this.borrow(minBytes);
    return buffer === null ? Buffer.allocUnsafe(minBytes) : Buffer.from(buffer);
  }

  outgrown(buffer: Buffer): void {
    this.returnEarly(buffer.buffer as ArrayBuffer);
  }
}
