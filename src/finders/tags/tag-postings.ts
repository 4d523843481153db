import { displayName, sortedTagEntries } from '../../series/id.js';
import type { MetricName } from '../../series/types.js';
import { PostingLists } from './posting-lists.js';
import { SortedSlots } from './sorted-slots.js';
import { insertOrIgnore, MemoryTagIdLedger, restoredIds, type TagIdLedger } from './tag-ids.js';

const NAME = 'name';

/**
 * The tag index in memory: tag -> value -> series. Every string is interned once (tags forever,
 * as graphite-web keeps its tag rows; values while a series holds them), every distinct
 * tag=value is a pair with a posting list of series, and every series is the list of its pairs
 * in display order (`name` first, then graphite's order), from which its name is written back.
 * A table hashed by display name finds a series for removal. All of it is typed arrays and
 * pooled lists, about 100 bytes a series with five tags.
 *
 * Readers (tag-query.ts) see slots: small integers naming a tag, a value, a pair or a series.
 * `version` changes with every change, so a reader that yielded knows its slots may be stale.
 */
export class TagPostings {
  version = 0;

  // ---- tags: never forgotten (graphite-web lists a tag whose series are all gone) ----
  private readonly tagText: string[] = [];
  private readonly tagSlotOf = new Map<string, number>();
  private readonly tagIds: number[] = [];
  /** live series holding the tag */
  private readonly tagSeries: number[] = [];
  /** per tag, the value slots it has live pairs with, in value order */
  private readonly tagValueLists: SortedSlots[] = [];
  private readonly tagOrder = new SortedSlots((t) => this.tagText[t]);

  // ---- values: interned while some pair holds them ----
  private readonly valueText: string[] = [];
  private readonly valueSlotOf = new Map<string, number>();
  private readonly valueIds: number[] = [];
  private readonly valueRefs: number[] = [];
  private readonly freeValues: number[] = [];

  // ---- pairs ----
  private pairTag = new Uint32Array(1024);
  private pairValue = new Uint32Array(1024);
  private pairCount = 0;
  private readonly freePairs: number[] = [];
  private pairTable = new Int32Array(2048).fill(-1);
  private pairsLive = 0;
  private readonly postings = new PostingLists();

  // ---- series ----
  private seriesOff = new Uint32Array(1024);
  /** pairs of the series; 0 for a free slot */
  private seriesLen = new Uint16Array(1024);
  private seriesHash = new Uint32Array(1024);
  private seriesCount = 0;
  private readonly freeSeries: number[] = [];
  private seriesTable = new Int32Array(2048).fill(-1);
  private liveSeries = 0;
  /** the pair slots of every series, back to back; freed runs reused by length */
  private pool = new Uint32Array(4096);
  private poolTop = 0;
  private readonly freeRuns = new Map<number, number[]>();
  private removalMarks = new Uint8Array(1024);

  constructor(private readonly ledger: TagIdLedger = new MemoryTagIdLedger()) {}

  /** Series in the index. */
  get size(): number {
    return this.liveSeries;
  }

  /**
   * Adds a tagged series (tags in the order it was registered with: that order numbers new
   * tags and values as graphite-web does). False when it is there already.
   */
  add(metric: MetricName, restoring = false): boolean {
    const display = displayName(metric);
    const hash = hashString(display);
    if (this.lookup(display, hash) >= 0) return false;
    this.version++;
    const given = [...Object.keys(metric.tags).filter((k) => k !== NAME), NAME];
    const valueOfTag = (k: string) => (k === NAME ? metric.name : metric.tags[k]);
    // a series loaded from the store takes back its ids; a new one inserts as graphite-web does
    const ids = restoring ? restoredIds : insertOrIgnore;
    const tagIds = ids(this.ledger, 'tag', given, (t) => {
      const slot = this.tagSlotOf.get(t);
      return slot === undefined ? undefined : this.tagIds[slot];
    });
    const valueIds = ids(this.ledger, 'value', given.map(valueOfTag), (v) => {
      const slot = this.valueSlotOf.get(v);
      return slot === undefined ? undefined : this.valueIds[slot];
    });
    const idOfTag = new Map(given.map((t, i) => [t, tagIds[i]]));
    const idOfValue = new Map(given.map((t, i) => [valueOfTag(t), valueIds[i]]));

    const ordered: Array<[string, string]> = [[NAME, metric.name], ...sortedTagEntries(metric.tags)];
    const series = this.newSeriesSlot();
    const off = this.allocRun(ordered.length);
    ordered.forEach(([tag, value], i) => {
      const t = this.internTag(tag, idOfTag.get(tag)!);
      const v = this.internValue(value, idOfValue.get(value)!);
      const p = this.internPair(t, v);
      this.pool[off + i] = p;
      this.postings.add(p, series);
      this.tagSeries[t]++;
    });
    this.seriesOff[series] = off;
    this.seriesLen[series] = ordered.length;
    this.seriesHash[series] = hash;
    this.tableInsert(series, hash);
    this.liveSeries++;
    return true;
  }

  /** Removes the series of these display names; returns how many were there. */
  removeMany(displays: readonly string[]): number {
    const gone: number[] = [];
    for (const display of displays) {
      const s = this.lookup(display, hashString(display));
      if (s < 0 || this.removalMarks[s] === 1) continue;
      this.removalMarks[s] = 1;
      gone.push(s);
    }
    if (gone.length === 0) return 0;
    this.version++;
    // each pair touched is compacted once, however many of its series go
    const touched = new Set<number>();
    for (const s of gone) for (let i = 0; i < this.seriesLen[s]; i++) touched.add(this.pool[this.seriesOff[s] + i]);
    for (const p of touched) {
      const removed = this.postings.removeMarked(p, this.removalMarks);
      this.tagSeries[this.pairTag[p]] -= removed;
      if (this.postings.size(p) === 0) this.releasePair(p);
    }
    for (const s of gone) {
      this.removalMarks[s] = 0;
      this.tableRemove(s);
      this.freeRun(this.seriesOff[s], this.seriesLen[s]);
      this.seriesLen[s] = 0;
      this.freeSeries.push(s);
      this.liveSeries--;
    }
    return gone.length;
  }

  /** A tag known from before (graphite-web lists tags whose series are gone). */
  restoreTag(tag: string, id: number): void {
    this.internTag(tag, id);
  }

  has(display: string): boolean {
    return this.lookup(display, hashString(display)) >= 0;
  }

  // ---- reading ----

  tagSlot(tag: string): number {
    return this.tagSlotOf.get(tag) ?? -1;
  }

  tagName(t: number): string {
    return this.tagText[t];
  }

  tagId(t: number): number {
    return this.tagIds[t];
  }

  /** Live series holding tag `t`. */
  tagSeriesCount(t: number): number {
    return this.tagSeries[t];
  }

  /** Every tag ever registered (graphite-web never forgets one), in code point order. */
  tagsInOrder(): SortedSlots {
    return this.tagOrder;
  }

  /** The value slots tag `t` has series with, in code point order of the values. */
  valuesOf(t: number): SortedSlots {
    return this.tagValueLists[t];
  }

  valueSlot(value: string): number {
    return this.valueSlotOf.get(value) ?? -1;
  }

  valueName(v: number): string {
    return this.valueText[v];
  }

  valueId(v: number): number {
    return this.valueIds[v];
  }

  /** The pair of tag `t` and value `v`, or -1. */
  pairSlot(t: number, v: number): number {
    const mask = this.pairTable.length - 1;
    for (let i = pairHash(t, v) & mask; ; i = (i + 1) & mask) {
      const p = this.pairTable[i];
      if (p < 0) return -1;
      if (this.pairTag[p] === t && this.pairValue[p] === v) return p;
    }
  }

  pairValueSlot(p: number): number {
    return this.pairValue[p];
  }

  pairTagSlot(p: number): number {
    return this.pairTag[p];
  }

  /** Series holding pair `p`. */
  pairSize(p: number): number {
    return this.postings.size(p);
  }

  /** The series of pair `p`, copied (safe to keep across changes). */
  pairSeries(p: number): Uint32Array {
    return this.postings.copy(p);
  }

  /** Appends the series of pair `p` to `out` from `at` (which must have room); returns the new end. */
  pairSeriesInto(p: number, out: Uint32Array, at: number): number {
    return this.postings.copyInto(p, out, at);
  }

  /** Whether slot `s` holds a series. */
  isSeries(s: number): boolean {
    return s < this.seriesCount && this.seriesLen[s] > 0;
  }

  /** The value slot series `s` has for tag `t`, or -1. */
  seriesValue(s: number, t: number): number {
    const off = this.seriesOff[s];
    const end = off + this.seriesLen[s];
    for (let i = off; i < end; i++) if (this.pairTag[this.pool[i]] === t) return this.pairValue[this.pool[i]];
    return -1;
  }

  /** Calls `visit` with each tag slot of series `s` (`name` first). */
  forEachTagOf(s: number, visit: (t: number) => void): void {
    const off = this.seriesOff[s];
    const end = off + this.seriesLen[s];
    for (let i = off; i < end; i++) visit(this.pairTag[this.pool[i]]);
  }

  /** Series `s`'s display name, `name;k=v;...` as graphite-web shows it. */
  nameOf(s: number): string {
    const off = this.seriesOff[s];
    let out = this.valueText[this.pairValue[this.pool[off]]];
    for (let i = off + 1; i < off + this.seriesLen[s]; i++) {
      const p = this.pool[i];
      out += `;${this.tagText[this.pairTag[p]]}=${this.valueText[this.pairValue[p]]}`;
    }
    return out;
  }

  /** Bytes held by the arrays and pools (interned strings and maps estimated). */
  memoryBytes(): number {
    const arrays =
      this.pairTag.byteLength + this.pairValue.byteLength + this.pairTable.byteLength + this.postings.memoryBytes() +
      this.seriesOff.byteLength + this.seriesLen.byteLength + this.seriesHash.byteLength + this.seriesTable.byteLength +
      this.pool.byteLength + this.removalMarks.byteLength;
    let strings = 0;
    for (const v of this.valueText) if (v !== undefined) strings += 2 * v.length + 24;
    for (const t of this.tagText) strings += 2 * t.length + 24;
    // Map entries, the value arrays' slots and the sorted lists: about 48 bytes a value
    return arrays + strings + 48 * (this.valueText.length + this.tagText.length);
  }

  // ---- interning ----

  private internTag(tag: string, id: number): number {
    let t = this.tagSlotOf.get(tag);
    if (t !== undefined) return t;
    t = this.tagText.length;
    this.tagText.push(tag);
    this.tagIds.push(id);
    this.tagSeries.push(0);
    this.tagValueLists.push(new SortedSlots((v) => this.valueText[v]));
    this.tagSlotOf.set(tag, t);
    this.tagOrder.insert(t);
    return t;
  }

  private internValue(value: string, id: number): number {
    let v = this.valueSlotOf.get(value);
    if (v !== undefined) return v;
    v = this.freeValues.pop() ?? this.valueText.length;
    this.valueText[v] = value;
    this.valueIds[v] = id;
    this.valueRefs[v] = 0;
    this.valueSlotOf.set(value, v);
    return v;
  }

  private internPair(t: number, v: number): number {
    const found = this.pairSlot(t, v);
    if (found >= 0) return found;
    const p = this.freePairs.pop() ?? this.pairCount++;
    if (p >= this.pairTag.length) {
      this.pairTag = grow32(this.pairTag, this.pairTag.length * 2);
      this.pairValue = grow32(this.pairValue, this.pairValue.length * 2);
    }
    this.postings.reserve(p + 1);
    this.pairTag[p] = t;
    this.pairValue[p] = v;
    if (++this.pairsLive * 2 > this.pairTable.length) this.rehashPairs(this.pairTable.length * 2);
    this.pairTableInsert(p);
    this.valueRefs[v]++;
    this.tagValueLists[t].insert(v);
    return p;
  }

  private releasePair(p: number): void {
    const t = this.pairTag[p];
    const v = this.pairValue[p];
    this.tagValueLists[t].remove(v);
    this.pairTableRemove(p);
    this.pairsLive--;
    this.freePairs.push(p);
    if (--this.valueRefs[v] === 0) {
      // the ledger keeps its id; the string leaves memory
      this.valueSlotOf.delete(this.valueText[v]);
      this.valueText[v] = undefined as unknown as string;
      this.freeValues.push(v);
    }
  }

  private pairTableInsert(p: number): void {
    const mask = this.pairTable.length - 1;
    let i = pairHash(this.pairTag[p], this.pairValue[p]) & mask;
    while (this.pairTable[i] >= 0) i = (i + 1) & mask;
    this.pairTable[i] = p;
  }

  private pairTableRemove(p: number): void {
    removeFromTable(this.pairTable, p, pairHash(this.pairTag[p], this.pairValue[p]), (q) => pairHash(this.pairTag[q], this.pairValue[q]));
  }

  private rehashPairs(size: number): void {
    const old = this.pairTable;
    this.pairTable = new Int32Array(size).fill(-1);
    for (const p of old) if (p >= 0) this.pairTableInsert(p);
  }

  // ---- series slots, the name table, the pair pool ----

  private newSeriesSlot(): number {
    const s = this.freeSeries.pop() ?? this.seriesCount++;
    if (s >= this.seriesOff.length) {
      const length = this.seriesOff.length * 2;
      this.seriesOff = grow32(this.seriesOff, length);
      const len = new Uint16Array(length);
      len.set(this.seriesLen);
      this.seriesLen = len;
      this.seriesHash = grow32(this.seriesHash, length);
      const marks = new Uint8Array(length);
      marks.set(this.removalMarks);
      this.removalMarks = marks;
    }
    return s;
  }

  private lookup(display: string, hash: number): number {
    const mask = this.seriesTable.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const s = this.seriesTable[i];
      if (s < 0) return -1;
      if (this.seriesHash[s] === hash && this.nameOf(s) === display) return s;
    }
  }

  private tableInsert(s: number, hash: number): void {
    if ((this.liveSeries + 1) * 2 > this.seriesTable.length) {
      const old = this.seriesTable;
      this.seriesTable = new Int32Array(old.length * 2).fill(-1);
      for (const q of old) if (q >= 0) this.tablePut(q, this.seriesHash[q]);
    }
    this.tablePut(s, hash);
  }

  private tablePut(s: number, hash: number): void {
    const mask = this.seriesTable.length - 1;
    let i = hash & mask;
    while (this.seriesTable[i] >= 0) i = (i + 1) & mask;
    this.seriesTable[i] = s;
  }

  private tableRemove(s: number): void {
    removeFromTable(this.seriesTable, s, this.seriesHash[s], (q) => this.seriesHash[q]);
  }

  private allocRun(n: number): number {
    const reused = this.freeRuns.get(n)?.pop();
    if (reused !== undefined) return reused;
    if (this.poolTop + n > this.pool.length) {
      let length = this.pool.length * 2;
      while (this.poolTop + n > length) length *= 2;
      this.pool = grow32(this.pool, length);
    }
    const at = this.poolTop;
    this.poolTop += n;
    return at;
  }

  private freeRun(at: number, n: number): void {
    let list = this.freeRuns.get(n);
    if (!list) this.freeRuns.set(n, (list = []));
    list.push(at);
  }
}

/**
 * Removes `slot` from an open-addressing table with linear probing, shifting later entries of
 * the probe run back so no tombstone is needed.
 */
function removeFromTable(table: Int32Array, slot: number, hash: number, hashOf: (slot: number) => number): void {
  const mask = table.length - 1;
  let i = hash & mask;
  while (table[i] !== slot) i = (i + 1) & mask;
  let hole = i;
  for (let j = (hole + 1) & mask; table[j] >= 0; j = (j + 1) & mask) {
    const home = hashOf(table[j]) & mask;
    // move j into the hole unless its home lies cyclically in (hole, j]
    const between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
    if (!between) {
      table[hole] = table[j];
      hole = j;
    }
  }
  table[hole] = -1;
}

function pairHash(t: number, v: number): number {
  return Math.imul(t ^ Math.imul(v, 0x9e3779b1), 0x85ebca6b) ^ (v >>> 15);
}

/** FNV-1a over UTF-16 units, 32 bits. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function grow32(a: Uint32Array, length: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(length);
  b.set(a);
  return b;
}

