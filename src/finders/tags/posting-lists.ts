import { classFor, MAX_CLASS, U32Slab } from './u32-slab.js';

/** `cls` of a list held in its own Uint32Array (past the slab's largest class). */
const BIG = 255;

/**
 * One unordered list of series slots per tag=value pair (the pair's slot indexes them). A list
 * of one is held inline, lists up to 2^MAX_CLASS in a shared slab, longer ones in their own
 * array. Appending is O(1); removal is batched: the slots to remove are marked and each list
 * touched is compacted once.
 */
export class PostingLists {
  private count = new Uint32Array(1024);
  /** the series itself (a list of one), a slab offset, or unused for a big list */
  private ref = new Uint32Array(1024);
  /** 0: empty or inline; 1..MAX_CLASS: slab block of 2^cls; BIG: in `big` */
  private cls = new Uint8Array(1024);
  private readonly big = new Map<number, Uint32Array>();
  private readonly slab = new U32Slab();

  /**
   * Empty lists for pairs 0..sizes.length-1, each with room for exactly sizes[pair] series
   * (a snapshot's), to be filled with `add`, which then never moves a list.
   */
  static presized(sizes: Uint32Array): PostingLists {
    const lists = new PostingLists();
    lists.reserve(sizes.length);
    for (let pair = 0; pair < sizes.length; pair++) {
      const n = sizes[pair];
      if (n <= 1) continue;
      if (n > 1 << MAX_CLASS) {
        lists.big.set(pair, new Uint32Array(n));
        lists.cls[pair] = BIG;
      } else {
        const cls = classFor(n);
        lists.ref[pair] = lists.slab.alloc(cls);
        lists.cls[pair] = cls;
      }
    }
    return lists;
  }

  size(pair: number): number {
    return this.count[pair];
  }

  /** Makes room for pair slots below `n`. */
  reserve(n: number): void {
    if (n <= this.count.length) return;
    let length = this.count.length;
    while (length < n) length *= 2;
    this.count = grow(this.count, length);
    this.ref = grow(this.ref, length);
    const cls = new Uint8Array(length);
    cls.set(this.cls);
    this.cls = cls;
  }

  add(pair: number, series: number): void {
    const n = this.count[pair];
    const cls = this.cls[pair];
    if (n === 0) {
      // a presized list waits in its block; any other empty list is inline
      if (cls === 0) this.ref[pair] = series;
      else if (cls === BIG) this.big.get(pair)![0] = series;
      else this.slab.data[this.ref[pair]] = series;
      this.count[pair] = 1;
      return;
    }
    if (cls === BIG) {
      let list = this.big.get(pair)!;
      if (n === list.length) {
        list = grow(list, list.length * 2);
        this.big.set(pair, list);
      }
      list[n] = series;
    } else if (cls === 0) {
      const at = this.slab.alloc(1);
      this.slab.data[at] = this.ref[pair];
      this.slab.data[at + 1] = series;
      this.ref[pair] = at;
      this.cls[pair] = 1;
    } else if (n === 1 << cls) {
      this.move(pair, n, cls + 1);
      this.entries(pair)[n] = series;
    } else {
      this.slab.data[this.ref[pair] + n] = series;
    }
    this.count[pair] = n + 1;
  }

  /** Removes the series whose `marked` byte is non-zero; returns how many went. */
  removeMarked(pair: number, marked: Uint8Array): number {
    const n = this.count[pair];
    if (n === 0) return 0;
    if (this.cls[pair] === 0) {
      if (marked[this.ref[pair]] === 0) return 0;
      this.count[pair] = 0;
      return 1;
    }
    const list = this.entries(pair);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const s = list[i];
      if (marked[s] === 0) list[kept++] = s;
    }
    this.count[pair] = kept;
    this.shrink(pair, kept);
    return n - kept;
  }

  /** The pair's series (a view: valid until the next change). */
  entries(pair: number): Uint32Array {
    const cls = this.cls[pair];
    if (cls === BIG) return this.big.get(pair)!;
    if (cls === 0) return Uint32Array.of(this.ref[pair]).subarray(0, this.count[pair]);
    return this.slab.data.subarray(this.ref[pair], this.ref[pair] + (1 << cls));
  }

  /** The pair's series, copied. */
  copy(pair: number): Uint32Array {
    return this.entries(pair).slice(0, this.count[pair]);
  }

  /** Appends the pair's series to `out` from `at`; returns the new end. `out` must have room. */
  copyInto(pair: number, out: Uint32Array, at: number): number {
    const n = this.count[pair];
    if (n === 0) return at;
    if (this.cls[pair] === 0) {
      out[at] = this.ref[pair];
      return at + 1;
    }
    out.set(this.entries(pair).subarray(0, n), at);
    return at + n;
  }

  memoryBytes(): number {
    let bytes = this.count.byteLength + this.ref.byteLength + this.cls.byteLength + this.slab.memoryBytes();
    for (const list of this.big.values()) bytes += list.byteLength + 64;
    return bytes;
  }

  /** Moves a slab list of `n` entries to a block of class `to` (its own array past the slab's classes). */
  private move(pair: number, n: number, to: number): void {
    const from = this.cls[pair];
    const oldAt = this.ref[pair];
    if (to > MAX_CLASS) {
      const list = new Uint32Array(n * 2);
      list.set(this.slab.data.subarray(oldAt, oldAt + n));
      this.big.set(pair, list);
      this.cls[pair] = BIG;
    } else {
      // alloc may grow the slab: copy within the (new) array
      const at = this.slab.alloc(to);
      this.slab.data.copyWithin(at, oldAt, oldAt + n);
      this.ref[pair] = at;
      this.cls[pair] = to;
    }
    this.slab.release(oldAt, from);
  }

  /** Gives back space once a list has shrunk to a quarter of its block. */
  private shrink(pair: number, n: number): void {
    const cls = this.cls[pair];
    if (n === 0 || n === 1) {
      const only = n === 1 ? this.entries(pair)[0] : 0;
      this.releaseBlock(pair);
      this.ref[pair] = only;
      this.cls[pair] = 0;
      return;
    }
    if (cls === BIG) {
      const list = this.big.get(pair)!;
      if (n * 4 > list.length) return;
      if (n * 2 <= 1 << MAX_CLASS) this.toSlab(pair, list, n);
      else this.big.set(pair, list.slice(0, list.length / 2));
      return;
    }
    if (cls > 1 && n * 4 <= 1 << cls) {
      const at = this.slab.alloc(cls - 1);
      this.slab.data.copyWithin(at, this.ref[pair], this.ref[pair] + n);
      this.slab.release(this.ref[pair], cls);
      this.ref[pair] = at;
      this.cls[pair] = cls - 1;
    }
  }

  private toSlab(pair: number, list: Uint32Array, n: number): void {
    let cls = 1;
    while (1 << cls < n * 2) cls++;
    const at = this.slab.alloc(cls);
    this.slab.data.set(list.subarray(0, n), at);
    this.big.delete(pair);
    this.ref[pair] = at;
    this.cls[pair] = cls;
  }

  private releaseBlock(pair: number): void {
    const cls = this.cls[pair];
    if (cls === BIG) this.big.delete(pair);
    else if (cls !== 0) this.slab.release(this.ref[pair], cls);
  }
}

function grow(a: Uint32Array, length: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(length);
  b.set(a);
  return b;
}
