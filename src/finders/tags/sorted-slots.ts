import { compareCodePoints } from '../../series/id.js';

const BLOCK = 512;

/**
 * A set of slots kept in the code point order of their strings (`keyOf(slot)`), as sorted
 * blocks of at most BLOCK slots: inserting or removing among a million costs a binary search
 * and a short splice, and listing from a prefix starts where the prefix would sit.
 */
export class SortedSlots {
  private blocks: number[][] = [];
  private count = 0;

  constructor(private readonly keyOf: (slot: number) => string) {}

  /** A set of `slots` already in key order (a snapshot's). */
  static fromSorted(keyOf: (slot: number) => string, slots: ArrayLike<number>): SortedSlots {
    const list = new SortedSlots(keyOf);
    for (let at = 0; at < slots.length; at += BLOCK / 2) list.blocks.push(Array.from(Array.prototype.slice.call(slots, at, at + BLOCK / 2) as number[]));
    list.count = slots.length;
    return list;
  }

  get size(): number {
    return this.count;
  }

  insert(slot: number): void {
    const key = this.keyOf(slot);
    if (this.blocks.length === 0) {
      this.blocks.push([slot]);
      this.count = 1;
      return;
    }
    const b = Math.min(this.blockFor(key), this.blocks.length - 1);
    const block = this.blocks[b];
    block.splice(this.indexIn(block, key), 0, slot);
    this.count++;
    if (block.length > BLOCK) this.blocks.splice(b + 1, 0, block.splice(BLOCK / 2));
  }

  /** Removes `slot`, whose key must be what it was when inserted. */
  remove(slot: number): boolean {
    const key = this.keyOf(slot);
    const b = this.blockFor(key);
    const block = this.blocks[b];
    if (block === undefined) return false;
    const i = this.indexIn(block, key);
    if (block[i] !== slot) return false;
    block.splice(i, 1);
    this.count--;
    if (block.length === 0) this.blocks.splice(b, 1);
    return true;
  }

  /**
   * Calls `visit` with each slot whose key starts with `prefix`, in order (only keys after
   * `after`, when given), until it returns false. Returns false when stopped.
   */
  forEachWithPrefix(prefix: string, visit: (slot: number) => boolean | void, after?: string): boolean {
    const from = after !== undefined && compareCodePoints(after, prefix) >= 0 ? after : prefix;
    const first = this.blockFor(from);
    for (let b = first; b < this.blocks.length; b++) {
      const block = this.blocks[b];
      for (let i = b === first ? this.indexIn(block, from) : 0; i < block.length; i++) {
        const slot = block[i];
        const key = this.keyOf(slot);
        if (!key.startsWith(prefix)) return true;
        if (key === after) continue;
        if (visit(slot) === false) return false;
      }
    }
    return true;
  }

  /** How many keys start with `prefix`, counted without visiting more than `cap` of them. */
  countWithPrefix(prefix: string, cap = Infinity): number {
    if (prefix === '') return this.count;
    let n = 0;
    this.forEachWithPrefix(prefix, () => ++n < cap);
    return n;
  }

  /** Every slot, in order. */
  *[Symbol.iterator](): IterableIterator<number> {
    for (const block of this.blocks) yield* block;
  }

  /** The first block whose last key is not below `key` (blocks.length when none). */
  private blockFor(key: string): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const block = this.blocks[mid];
      if (compareCodePoints(this.keyOf(block[block.length - 1]), key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first index in `block` whose key is not below `key`. */
  private indexIn(block: readonly number[], key: string): number {
    let lo = 0;
    let hi = block.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareCodePoints(this.keyOf(block[mid]), key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
