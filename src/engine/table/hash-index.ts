/**
 * Values by a 64-bit hash given as two unsigned 32-bit halves (a series' FNV-1a id): open
 * addressing over one Int32Array of (hi, lo, value index + 1) slots, so a lookup costs no string
 * and no allocation (the write-ahead log names series by these halves; replaying it looks up
 * millions of them). Deletion shifts the probe run back: no tombstones.
 */
export class HashIndex<T> {
  private slots: Int32Array;
  private mask: number;
  private readonly values: Array<T | undefined> = [];
  private readonly free: number[] = [];

  constructor(initialSlots = 1024) {
    const n = 1 << Math.ceil(Math.log2(Math.max(16, initialSlots)));
    this.slots = new Int32Array(SLOT * n);
    this.mask = n - 1;
  }

  get size(): number {
    return this.values.length - this.free.length;
  }

  get(hi: number, lo: number): T | undefined {
    const p = this.find(hi | 0, lo | 0);
    const e = this.slots[SLOT * p + 2];
    return e === 0 ? undefined : this.values[e - 1];
  }

  set(hi: number, lo: number, value: T): void {
    const h = hi | 0;
    const l = lo | 0;
    const p = this.find(h, l);
    const q = SLOT * p;
    if (this.slots[q + 2] !== 0) {
      this.values[this.slots[q + 2] - 1] = value;
      return;
    }
    let index = this.free.pop();
    if (index === undefined) index = this.values.push(value) - 1;
    else this.values[index] = value;
    this.slots[q] = h;
    this.slots[q + 1] = l;
    this.slots[q + 2] = index + 1;
    if (2 * this.size > this.mask + 1) this.grow();
  }

  delete(hi: number, lo: number): boolean {
    const slots = this.slots;
    const mask = this.mask;
    const p = this.find(hi | 0, lo | 0);
    if (slots[SLOT * p + 2] === 0) return false;
    const index = slots[SLOT * p + 2] - 1;
    this.values[index] = undefined;
    this.free.push(index);
    let hole = p;
    for (let j = (p + 1) & mask; ; j = (j + 1) & mask) {
      const r = SLOT * j;
      if (slots[r + 2] === 0) break;
      const home = mix(slots[r], slots[r + 1]) & mask;
      const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (stays) continue;
      slots.copyWithin(SLOT * hole, r, r + SLOT);
      hole = j;
    }
    slots.fill(0, SLOT * hole, SLOT * hole + SLOT);
    return true;
  }

  /** Every value, in no particular order. */
  *valuesIterator(): IterableIterator<T> {
    for (const v of this.values) if (v !== undefined) yield v;
  }

  /** The slot holding (hi, lo), or the empty slot where it would go. */
  private find(hi: number, lo: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let p = mix(hi, lo) & mask;
    for (; ; p = (p + 1) & mask) {
      const q = SLOT * p;
      if (slots[q + 2] === 0 || (slots[q] === hi && slots[q + 1] === lo)) return p;
    }
  }

  private grow(): void {
    const old = this.slots;
    const n = (this.mask + 1) * 2;
    const slots = new Int32Array(SLOT * n);
    const mask = n - 1;
    for (let q = 0; q < old.length; q += SLOT) {
      if (old[q + 2] === 0) continue;
      let p = mix(old[q], old[q + 1]) & mask;
      while (slots[SLOT * p + 2] !== 0) p = (p + 1) & mask;
      slots.set(old.subarray(q, q + SLOT), SLOT * p);
    }
    this.slots = slots;
    this.mask = mask;
  }
}

const SLOT = 3;

/**
 * Both halves mixed before they are combined, so that no simple relation between them (a
 * multiple of one equal to the other) folds many keys onto one slot.
 */
function mix(hi: number, lo: number): number {
  let h = Math.imul(lo ^ (lo >>> 16), 0x85ebca6b);
  h ^= Math.imul(hi ^ (hi >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return h ^ (h >>> 15);
}
