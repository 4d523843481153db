import { displayName, sortedTagEntries } from '../../series/id.js';
import type { MetricName } from '../../series/types.js';
import { PostingLists } from './posting-lists.js';
import { SortedSlots } from './sorted-slots.js';
import { insertOrIgnore, MemoryTagIdLedger, restoredIds, type TagIdLedger } from './tag-ids.js';

const NAME = 'name';

/**
 * What a snapshot keeps of the index: every tag (with its id), and the live values, pairs and
 * series renumbered densely. Posting lists, hash tables and reference counts are rebuilt from
 * them with integer work only.
 */
export interface TagPostingsState {
  readonly tags: string[];
  readonly tagIds: Uint32Array;
  readonly values: string[];
  readonly valueIds: Uint32Array;
  readonly pairTag: Uint32Array;
  readonly pairValue: Uint32Array;
  /** pairs per series */
  readonly seriesLen: Uint16Array;
  readonly seriesHash: Uint32Array;
  /** every series' pairs in display order, back to back */
  readonly seriesPairs: Uint32Array;
  /** per tag, its values in value order, back to back */
  readonly tagValueOrder: Uint32Array;
  readonly tagValueCounts: Uint32Array;
}

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
  /** characters of the interned tags and values, for memoryBytes() */
  private stringChars = 0;

  // ---- pairs ----
  private pairTag = new Uint32Array(1024);
  private pairValue = new Uint32Array(1024);
  private pairCount = 0;
  private readonly freePairs: number[] = [];
  private pairTable = new Int32Array(2048).fill(-1);
  private pairsLive = 0;
  private postings = new PostingLists();

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
    const sorted = sortedTagEntries(metric.tags);
    let display = metric.name;
    for (const [k, v] of sorted) display += `;${k}=${v}`;
    const hash = hashString(display);
    if (this.lookup(display, hash) >= 0) return false;
    this.version++;
    // graphite-web numbers tags and values in the order the series was registered with, `name` last
    const tags: string[] = [];
    const values: string[] = [];
    for (const k in metric.tags) {
      if (k === NAME) continue;
      tags.push(k);
      values.push(metric.tags[k]);
    }
    tags.push(NAME);
    values.push(metric.name);
    const pairs = this.internAll(tags, values, restoring);
    const series = this.newSeriesSlot();
    const off = this.allocRun(pairs.length);
    // stored in display order: `name` first, then graphite's order
    this.pool[off] = pairs[pairs.length - 1];
    for (let j = 0; j < sorted.length; j++) this.pool[off + 1 + j] = pairs[tags.indexOf(sorted[j][0])];
    for (const p of pairs) {
      this.postings.add(p, series);
      this.tagSeries[this.pairTag[p]]++;
    }
    this.seriesOff[series] = off;
    this.seriesLen[series] = pairs.length;
    this.seriesHash[series] = hash;
    this.tableInsert(series, hash);
    this.liveSeries++;
    return true;
  }

  /** The pairs of a new series' tags and values, interned with their ids (tags[i] = values[i]). */
  private internAll(tags: readonly string[], values: readonly string[], restoring: boolean): number[] {
    const n = tags.length;
    let known = true;
    for (let i = 0; i < n && known; i++) known = this.tagSlotOf.has(tags[i]) && this.valueSlotOf.has(values[i]);
    let tagIds: number[] | null = null;
    let valueIds: number[] | null = null;
    if (!known) {
      // a series loaded from the store takes back its ids; a new one inserts as graphite-web does
      const ids = restoring ? restoredIds : insertOrIgnore;
      tagIds = ids(this.ledger, 'tag', tags, (t) => {
        const slot = this.tagSlotOf.get(t);
        return slot === undefined ? undefined : this.tagIds[slot];
      });
      valueIds = ids(this.ledger, 'value', values, (v) => {
        const slot = this.valueSlotOf.get(v);
        return slot === undefined ? undefined : this.valueIds[slot];
      });
    } else if (!restoring) {
      // every row is ignored, yet each takes a number
      this.ledger.setSequence('tag', this.ledger.sequence('tag') + n);
      this.ledger.setSequence('value', this.ledger.sequence('value') + n);
    }
    const pairs: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = this.internTag(tags[i], tagIds?.[i] ?? 0);
      const v = this.internValue(values[i], valueIds?.[i] ?? 0);
      pairs.push(this.internPair(t, v));
    }
    return pairs;
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

  /** The index as TagPostingsState: live values, pairs and series renumbered densely. */
  exportState(): TagPostingsState {
    const valueMap = new Int32Array(this.valueText.length).fill(-1);
    const values: string[] = [];
    const valueIds: number[] = [];
    this.valueText.forEach((text, v) => {
      if (text === undefined) return;
      valueMap[v] = values.length;
      values.push(text);
      valueIds.push(this.valueIds[v]);
    });
    const pairMap = new Int32Array(this.pairCount).fill(-1);
    const pairTag: number[] = [];
    const pairValue: number[] = [];
    for (let p = 0; p < this.pairCount; p++) {
      if (this.postings.size(p) === 0) continue;
      pairMap[p] = pairTag.length;
      pairTag.push(this.pairTag[p]);
      pairValue.push(valueMap[this.pairValue[p]]);
    }
    const seriesLen = new Uint16Array(this.liveSeries);
    const seriesHash = new Uint32Array(this.liveSeries);
    const seriesPairs = new Uint32Array(this.poolTop);
    let n = 0;
    let at = 0;
    for (let s = 0; s < this.seriesCount; s++) {
      const len = this.seriesLen[s];
      if (len === 0) continue;
      seriesLen[n] = len;
      seriesHash[n++] = this.seriesHash[s];
      for (let i = 0; i < len; i++) seriesPairs[at++] = pairMap[this.pool[this.seriesOff[s] + i]];
    }
    const order: number[] = [];
    const counts = this.tagValueLists.map((list) => {
      for (const v of list) order.push(valueMap[v]);
      return list.size;
    });
    return {
      tags: this.tagText.slice(),
      tagIds: Uint32Array.from(this.tagIds),
      values,
      valueIds: Uint32Array.from(valueIds),
      pairTag: Uint32Array.from(pairTag),
      pairValue: Uint32Array.from(pairValue),
      seriesLen,
      seriesHash,
      seriesPairs: seriesPairs.subarray(0, at),
      tagValueOrder: Uint32Array.from(order),
      tagValueCounts: Uint32Array.from(counts),
    };
  }

  /** The index a snapshot describes (`exportState()`), with the ledger that numbered it. */
  static fromState(state: TagPostingsState, ledger?: TagIdLedger): TagPostings {
    const index = new TagPostings(ledger);
    state.tags.forEach((tag, t) => index.internTag(tag, state.tagIds[t]));
    state.values.forEach((value, v) => {
      index.stringChars += value.length;
      index.valueText[v] = value;
      index.valueIds[v] = state.valueIds[v];
      index.valueRefs[v] = 0;
      index.valueSlotOf.set(value, v);
    });
    const pairs = state.pairTag.length;
    let capacity = 1024;
    while (capacity < pairs) capacity *= 2;
    index.pairTag = new Uint32Array(capacity);
    index.pairTag.set(state.pairTag);
    index.pairValue = new Uint32Array(capacity);
    index.pairValue.set(state.pairValue);
    index.pairCount = pairs;
    index.pairsLive = pairs;
    let table = 2048;
    while (table < pairs * 2 + 2) table *= 2;
    index.pairTable = new Int32Array(table).fill(-1);
    for (let p = 0; p < pairs; p++) {
      index.pairTableInsert(p);
      index.valueRefs[state.pairValue[p]]++;
    }
    let at = 0;
    state.tagValueCounts.forEach((count, t) => {
      index.tagValueLists[t] = SortedSlots.fromSorted((v) => index.valueText[v], state.tagValueOrder.subarray(at, at + count));
      at += count;
    });
    // each list is made its final size first, so filling it never moves it
    const sizes = new Uint32Array(pairs);
    for (const p of state.seriesPairs) sizes[p]++;
    index.postings = PostingLists.presized(sizes);
    const seriesCount = state.seriesLen.length;
    while (index.seriesOff.length < seriesCount) index.growSeries();
    index.pool = new Uint32Array(Math.max(4096, state.seriesPairs.length));
    index.pool.set(state.seriesPairs);
    index.poolTop = state.seriesPairs.length;
    let size = 2048;
    while (size < seriesCount * 2 + 2) size *= 2;
    index.seriesTable = new Int32Array(size).fill(-1);
    index.seriesCount = seriesCount;
    index.liveSeries = seriesCount;
    // locals: the loop calls out, so fields would be read again at every step
    const { seriesOff, seriesLen, seriesHash, seriesTable, pool, pairTag, tagSeries, postings } = index;
    const mask = size - 1;
    let off = 0;
    for (let s = 0; s < seriesCount; s++) {
      const len = state.seriesLen[s];
      const hash = state.seriesHash[s];
      seriesOff[s] = off;
      seriesLen[s] = len;
      seriesHash[s] = hash;
      let i = hash & mask;
      while (seriesTable[i] >= 0) i = (i + 1) & mask;
      seriesTable[i] = s;
      for (let k = off; k < off + len; k++) {
        const p = pool[k];
        postings.add(p, s);
        tagSeries[pairTag[p]]++;
      }
      off += len;
    }
    return index;
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

  /** One more than the highest value slot in use. */
  valueSlotCapacity(): number {
    return this.valueText.length;
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
    // per tag or value: 2 bytes a character (V8 may use 1), a string header (24 bytes), its Map
    // entry, array slots and sorted-list slot (about 48 bytes)
    return arrays + this.stringChars * 2 + 72 * (this.valueText.length + this.tagText.length);
  }

  // ---- interning ----

  private internTag(tag: string, id: number): number {
    let t = this.tagSlotOf.get(tag);
    if (t !== undefined) return t;
    t = this.tagText.length;
    this.tagText.push(tag);
    this.stringChars += tag.length;
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
    this.stringChars += value.length;
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
      this.stringChars -= this.valueText[v].length;
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
    if (s >= this.seriesOff.length) this.growSeries();
    return s;
  }

  private growSeries(): void {
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

