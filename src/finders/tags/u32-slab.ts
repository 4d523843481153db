/**
 * Many small growable lists of unsigned 32-bit integers in one Uint32Array: a block of
 * capacity 2^c (c = 1..MAX_CLASS) is carved from the end or reused from its class's free list.
 * A million posting lists of a few entries each then cost their entries, not a typed array
 * object apiece (~100 bytes of headers each).
 */
export const MAX_CLASS = 10;

export class U32Slab {
  data = new Uint32Array(1 << 16);
  private top = 0;
  private readonly free: number[][] = Array.from({ length: MAX_CLASS + 1 }, () => []);

  /** Offset of a new block of 2^cls entries. */
  alloc(cls: number): number {
    const reused = this.free[cls].pop();
    if (reused !== undefined) return reused;
    const size = 1 << cls;
    if (this.top + size > this.data.length) {
      let length = this.data.length * 2;
      while (this.top + size > length) length *= 2;
      const grown = new Uint32Array(length);
      grown.set(this.data.subarray(0, this.top));
      this.data = grown;
    }
    const at = this.top;
    this.top += size;
    return at;
  }

  release(offset: number, cls: number): void {
    this.free[cls].push(offset);
  }

  /** Bytes the slab holds (used or free). */
  memoryBytes(): number {
    let freeSlots = 0;
    for (const list of this.free) freeSlots += list.length;
    return this.data.byteLength + freeSlots * 8;
  }
}

/** The smallest class whose blocks hold n entries. */
export function classFor(n: number): number {
  return Math.max(1, 32 - Math.clz32(n - 1));
}
