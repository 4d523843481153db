/**
 * Interned path segments: each distinct string gets a small integer id, so the tree stores
 * ints, not strings. An open-addressing table in typed arrays: a JS Map tops out at 2^24
 * entries and costs several words per entry, both wrong for tens of millions of segments.
 */
export class SegmentTable {
  private strings: string[] = [];
  private hashes: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** id + 1 per slot, 0 = empty */
  private slots: Int32Array<ArrayBuffer> = new Int32Array(2048);
  private mask = 2047;

  get size(): number {
    return this.strings.length;
  }

  /** The string of segment `id`. */
  text(id: number): string {
    return this.strings[id];
  }

  /** The id of `s`, or -1 if it was never interned. */
  lookup(s: string): number {
    const h = hashString(s);
    let i = h & this.mask;
    for (;;) {
      const slot = this.slots[i];
      if (slot === 0) return -1;
      const id = slot - 1;
      if (this.hashes[id] === h && this.strings[id] === s) return id;
      i = (i + 1) & this.mask;
    }
  }

  /** The id of `s`, interning it when new. */
  intern(s: string): number {
    const h = hashString(s);
    let i = h & this.mask;
    for (;;) {
      const slot = this.slots[i];
      if (slot === 0) break;
      const id = slot - 1;
      if (this.hashes[id] === h && this.strings[id] === s) return id;
      i = (i + 1) & this.mask;
    }
    const id = this.strings.length;
    this.strings.push(s);
    if (id >= this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[id] = h;
    this.slots[i] = id + 1;
    if ((id + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return id;
  }

  /** Everything needed to rebuild the table without hashing again (see MetricTree.exportState). */
  exportState(): SegmentTableState {
    return { strings: this.strings, hashes: this.hashes.slice(0, this.strings.length), slots: this.slots };
  }

  static fromState(state: SegmentTableState): SegmentTable {
    const table = new SegmentTable();
    table.strings = state.strings;
    table.hashes = new Int32Array(Math.max(1024, state.strings.length));
    table.hashes.set(state.hashes);
    table.slots = state.slots;
    table.mask = state.slots.length - 1;
    return table;
  }

  /** bytes held outside the strings themselves */
  tableBytes(): number {
    return this.slots.byteLength + this.hashes.byteLength + this.strings.length * 8;
  }

  private rehash(capacity: number): void {
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let id = 0; id < this.strings.length; id++) {
      let i = this.hashes[id] & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

export interface SegmentTableState {
  readonly strings: string[];
  readonly hashes: Int32Array<ArrayBuffer>;
  /** open-addressing slots, a power of two long */
  readonly slots: Int32Array<ArrayBuffer>;
}

/** FNV-1a over UTF-16 code units, finished with a murmur mix so low bits spread. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
