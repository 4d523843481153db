/**
 * Float64Arrays lent to a request for the buckets it reads, and taken back once its answer is
 * written.
 *
 * Why: V8 counts the memory of every new ArrayBuffer as old-generation growth, so a render that
 * allocates its buckets afresh (20 series x 1 day is 1.4 MB) starts a full mark-compact of the
 * whole heap every few requests, although none of that memory outlives the request. Buckets
 * taken from this pool are allocated once and reused.
 */

/** Where a read takes the arrays of its buckets (a request's arena, or fresh arrays without one). */
export interface ValueBuffers {
  /** An array of exactly `length` values, contents unspecified. */
  take(length: number): Float64Array;
}

/** Arrays of 2^6 .. 2^17 values are pooled (512 B .. 1 MB); larger or smaller ones are not. */
const MIN_CLASS = 6;
const MAX_CLASS = 17;

/** The smallest power-of-two class holding `length` values. */
function classOf(length: number): number {
  const c = 32 - Math.clz32(length - 1);
  return c < MIN_CLASS ? MIN_CLASS : c;
}

/**
 * The process' spare arrays by size class (powers of two), at most `maxBytes` of them; one
 * instance serves every request of a process.
 */
export class ValuePool {
  private readonly free: Float64Array[][] = Array.from({ length: MAX_CLASS + 1 }, () => []);
  private held = 0;

  constructor(readonly maxBytes = 64 * 1024 * 1024) {}

  /** bytes of spare arrays kept */
  get bytes(): number {
    return this.held;
  }

  /** A whole array of class `c` (2^c values), reused or new. */
  takeClass(c: number): Float64Array {
    const spare = this.free[c].pop();
    if (spare === undefined) return new Float64Array(2 ** c);
    this.held -= spare.byteLength;
    return spare;
  }

  /** Takes back an array this pool lent (ignored once the pool holds maxBytes). */
  give(whole: Float64Array): void {
    if (this.held + whole.byteLength > this.maxBytes) return;
    this.free[classOf(whole.length)].push(whole);
    this.held += whole.byteLength;
  }
}

/**
 * One request's loans from a ValuePool. `release()` gives them all back; call it only once
 * nothing of the request can touch them again (its answer written, its work finished): a
 * request that fails does not release, and its arrays are left to the garbage collector, as
 * work called off mid-way may still hold some. After release, take() lends nothing more from
 * the pool (a straggling read gets fresh arrays).
 */
export class ValueArena implements ValueBuffers {
  private lent: Float64Array[] | null = [];

  constructor(private readonly pool: ValuePool) {}

  take(length: number): Float64Array {
    if (this.lent === null || length > 2 ** MAX_CLASS || length < 1) return new Float64Array(length);
    const whole = this.pool.takeClass(classOf(length));
    this.lent.push(whole);
    return whole.length === length ? whole : whole.subarray(0, length);
  }

  release(): void {
    const lent = this.lent;
    if (lent === null) return;
    this.lent = null;
    for (const whole of lent) this.pool.give(whole);
  }
}
