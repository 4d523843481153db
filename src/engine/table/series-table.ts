import type { Logger } from '../../lib/logger.js';
import { displayName } from '../../series/id.js';
import { parseMetricName } from '../../series/name.js';
import type { MetricName, SeriesId, StorageSchema } from '../../series/types.js';
import type { SeriesRecord, SeriesRegistry } from '../../stores/chunk-store.js';
import { HashIndex } from './hash-index.js';
import { NameTable } from './name-table.js';
import { SchemaPlans } from './schema-plans.js';
import { identityOf, idOfHalves, type SeriesIdentity } from './series-identity.js';
import type { HotSnapshot } from '../wal/hot-snapshot.js';
import { SeriesState } from './series-state.js';

export interface SeriesTableOptions {
  readonly registry: Pick<SeriesRegistry, 'getMany'>;
  readonly rules: { schemaFor(name: string): StorageSchema };
  /** other processes write to the store: any series may have chunks there that this one never saw */
  readonly sharedStore: boolean;
  /** resident series with nothing hot kept for the next write or read (least recently used go first) */
  readonly idleCacheSize: number;
  readonly logger: Logger;
  /**
   * A series admitted by a write learnt from the registry what it is (its schema fixed):
   * `isNew` when the registry did not know it. Its pending points are the caller's to apply.
   */
  readonly onResolved: (s: SeriesState, isNew: boolean) => void;
}

/** registry lookups per round trip */
const LOOKUP_BATCH = 10_000;
/** a failed registry lookup of pending series is tried again after this long */
const RETRY_MS = 1000;

/**
 * The series the engine holds in memory, found by raw name (straight from a socket's bytes) or
 * by id. Nothing is loaded at start-up: a series becomes resident when a point for it arrives
 * or a read asks for it, and the registry says (asynchronously, in batches) whether it exists
 * and with which schema. A series with nothing hot stays in a bounded cache of idle series and
 * is evicted least recently used first; the registry and the store still have it.
 */
export class SeriesTable {
  /** raw names as written (`a;y=2;x=1` and `a;x=1;y=2` both) and display names, to their series */
  private readonly byName = new NameTable<SeriesState>();
  /** by the 64-bit hash the id is made of (the log names series by it): no string per lookup */
  private readonly byHash = new HashIndex<SeriesState>();
  private readonly plans = new SchemaPlans();
  /** idle series, least recently used first (a Map keeps insertion order) */
  private readonly idle = new Map<SeriesState, true>();
  /** series admitted by writes, waiting for their registry lookup */
  private unresolved: SeriesState[] = [];
  private lookupScheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly lookups = new Set<Promise<void>>();
  /** read lookups in flight, so two reads of one series share a registry round trip */
  private readonly loading = new Map<SeriesId, Promise<SeriesState | undefined>>();
  /** what settles each pending series' `resolved` promise */
  private readonly settlers = new Map<SeriesState, () => void>();
  private pendingPointCount = 0;
  /** series being removed: a write for one waits (pending) until the removal is over */
  private readonly removing = new Set<SeriesId>();
  private heldBack: SeriesState[] = [];
  private closed = false;
  /** a clean stop's hot snapshot while series are still restored from it (attachSnapshot) */
  private snapshot: HotSnapshot | null = null;
  private snapshotCursor = 0;
  private onRestored: (s: SeriesState, points: number) => void = () => {};

  constructor(private readonly opts: SeriesTableOptions) {}

  get size(): number {
    return this.byHash.size;
  }

  get idleCount(): number {
    return this.idle.size;
  }

  /** Points accepted for series still waiting for the registry. */
  get pendingPoints(): number {
    return this.pendingPointCount;
  }

  values(): IterableIterator<SeriesState> {
    return this.byHash.valuesIterator();
  }

  getByName(name: string): SeriesState | undefined {
    return this.byName.get(name);
  }

  /** the series of the raw name buf[start, end) (UTF-8), without making a string */
  getByBytes(buf: Uint8Array, start: number, end: number): SeriesState | undefined {
    return this.byName.getBytes(buf, start, end);
  }

  /** the series of the id made of these hash halves (SeriesIdentity's hi and lo) */
  getByHash(hi: number, lo: number): SeriesState | undefined {
    return this.resident(hi, lo);
  }

  // ---- restoring a hot snapshot ----

  /**
   * Makes the series of a clean stop's hot snapshot resident: each one as soon as anything asks
   * for it (a write, a read, a removal), and all of them through restoreUntil(). Until that is
   * over, values() lists only those restored so far: nothing that walks every series (a flush,
   * the log's cut) may run. `onRestored` hears of each series with its points.
   */
  attachSnapshot(snapshot: HotSnapshot, onRestored: (s: SeriesState, points: number) => void): void {
    this.snapshot = snapshot.remaining > 0 ? snapshot : null;
    this.snapshotCursor = 0;
    this.onRestored = onRestored;
  }

  /** whether series of a hot snapshot are still to be restored */
  get restoring(): boolean {
    return this.snapshot !== null;
  }

  /** Restores the series the predicate picks, now (series the registry does not know yet). */
  restoreWhere(pick: (snapshot: HotSnapshot, row: number) => boolean): void {
    const snap = this.snapshot;
    if (snap === null) return;
    for (let row = snap.nextUntaken(0); row < snap.count; row = snap.nextUntaken(row + 1)) if (pick(snap, row)) this.restoreRow(snap, row);
  }

  /** Restores series until performance.now() passes `deadline`; false once every one is. */
  restoreUntil(deadline: number): boolean {
    const snap = this.snapshot;
    if (snap === null) return false;
    let row = snap.nextUntaken(this.snapshotCursor);
    for (let k = 1; row < snap.count; k++) {
      this.restoreRow(snap, row);
      row = snap.nextUntaken(row + 1);
      if ((k & 63) === 0 && performance.now() >= deadline) break;
    }
    this.snapshotCursor = row;
    return this.snapshot !== null;
  }

  /** The snapshot with the rows not restored yet (a stop before the restore ended), else null. */
  unrestored(): HotSnapshot | null {
    return this.snapshot;
  }

  /** Names and last writes of the series a snapshot still holds. */
  *unrestoredSeries(): Iterable<{ name: string; lastWrite: number }> {
    const snap = this.snapshot;
    if (snap === null) return;
    for (const row of snap.untakenRows()) yield { name: snap.name(row), lastWrite: snap.lastWrite(row) };
  }

  /** resident, or restored from the snapshot now */
  private resident(hi: number, lo: number): SeriesState | undefined {
    const s = this.byHash.get(hi, lo);
    if (s !== undefined || this.snapshot === null) return s;
    const row = this.snapshot.rowOf(hi, lo);
    return row < 0 ? undefined : this.restoreRow(this.snapshot, row);
  }

  private restoreRow(snap: HotSnapshot, row: number): SeriesState | undefined {
    snap.take(row);
    // the last row taken: nothing is left to restore, and the snapshot's bytes can go
    if (snap.remaining === 0) this.snapshot = null;
    const parsed = parseMetricName(snap.name(row));
    // a name the stop's process accepted: only a damaged file could fail here
    if (!parsed.ok) return undefined;
    const hi = snap.hi(row);
    const lo = snap.lo(row);
    const s = this.add(parsed.metric, { id: idOfHalves(hi, lo), hi, lo }, snap.schema(row), true);
    s.registered = snap.registered(row);
    s.persistedLastWrite = snap.persistedLastWrite(row);
    s.lastWrite = snap.lastWrite(row);
    const points = snap.restoreChunks(row, s);
    if (s.isIdle && s.registered) this.markIdle(s);
    this.onRestored(s, points);
    return s;
  }

  planOf(schema: StorageSchema) {
    return this.plans.planOf(schema);
  }

  // ---- writes ----

  /**
   * The series a write of an unknown raw name goes to: an alias of a resident series, or a new
   * pending one (schema from the rules, or `schema` when given (an import's), until the registry
   * answers). Undefined for an invalid name.
   */
  admit(raw: string, schema?: StorageSchema): SeriesState | undefined {
    const parsed = parseMetricName(raw);
    if (!parsed.ok) return undefined;
    const ident = identityOf(parsed.metric);
    const resident = this.resident(ident.hi, ident.lo);
    if (resident !== undefined) {
      this.alias(resident, raw);
      return resident;
    }
    const s = this.add(parsed.metric, ident, schema ?? this.opts.rules.schemaFor(displayName(parsed.metric)), false);
    // with a shared store the series counts as restored (only the store knows its chunks), but
    // it is not registered: its definition goes into every log record until the registry has it
    s.registered = false;
    s.pending = [];
    s.resolved = new Promise((resolve) => this.settlers.set(s, resolve));
    this.alias(s, raw);
    if (this.removing.has(ident.id)) {
      // the registry still answers for the series being removed: ask once that is over
      this.heldBack.push(s);
      return s;
    }
    this.unresolved.push(s);
    this.scheduleLookup();
    return s;
  }

  /**
   * Forgets these series (hot data included) and holds back writes to them until endRemoval():
   * a point arriving meanwhile starts a new series once the old one is gone.
   */
  beginRemoval(idents: readonly SeriesIdentity[]): void {
    for (const ident of idents) {
      this.removing.add(ident.id);
      const s = this.resident(ident.hi, ident.lo);
      if (s !== undefined) this.remove(s);
    }
    this.unresolved = this.unresolved.filter((s) => !this.removing.has(s.id));
  }

  endRemoval(idents: readonly SeriesIdentity[]): void {
    for (const ident of idents) this.removing.delete(ident.id);
    const still: SeriesState[] = [];
    for (const s of this.heldBack) (this.removing.has(s.id) ? still : this.unresolved).push(s);
    this.heldBack = still;
    if (this.unresolved.length > 0) this.scheduleLookup();
  }

  /** Buffers a point of a pending series (the caller has logged it). */
  holdPending(s: SeriesState, ts: number, value: number, now: number, segment: number): void {
    s.pending!.push(ts, value, now, segment);
    this.pendingPointCount++;
  }

  /**
   * A series the write-ahead log defines, at replay: resident already, or added with the
   * registry's record when it has one (`record`), else as the log defined it (new, to be
   * registered).
   */
  restore(metric: MetricName, schema: StorageSchema, record: SeriesRecord | undefined, known?: SeriesIdentity): { s: SeriesState; isNew: boolean } {
    const ident = known ?? identityOf(metric);
    const resident = this.resident(ident.hi, ident.lo);
    if (resident !== undefined) return { s: resident, isNew: false };
    const s = this.add(record?.metric ?? metric, ident, record?.schema ?? schema, true);
    if (record !== undefined) s.persistedLastWrite = record.lastWrite ?? 0;
    else s.registered = false;
    return { s, isNew: record === undefined };
  }

  // ---- reads ----

  /** The series of a name (display or raw), from memory or the registry; undefined when unknown. */
  async lookup(name: string): Promise<SeriesState | undefined> {
    return (await this.lookupMany([name]))[0];
  }

  /** lookup() of many names with one registry round trip for those not in memory. */
  async lookupMany(names: readonly string[]): Promise<Array<SeriesState | undefined>> {
    const out: Array<SeriesState | undefined> = new Array(names.length);
    const ask: Array<{ i: number; ident: SeriesIdentity }> = [];
    const waits: Array<Promise<unknown>> = [];
    names.forEach((name, i) => {
      let s = this.byName.get(name);
      if (s === undefined) {
        const parsed = parseMetricName(name);
        if (!parsed.ok) return;
        const ident = identityOf(parsed.metric);
        s = this.resident(ident.hi, ident.lo);
        if (s === undefined) {
          const loading = this.loading.get(ident.id);
          if (loading !== undefined) waits.push(loading.then((found) => (out[i] = found)));
          else ask.push({ i, ident });
          return;
        }
      }
      out[i] = s;
      if (s.resolved !== null) waits.push(s.resolved);
      if (s.inIdleCache) this.touchIdle(s);
    });
    if (ask.length > 0) {
      const answer = this.loadMany(ask.map((a) => a.ident));
      ask.forEach((a, k) => this.loading.set(a.ident.id, answer.then((found) => found[k])));
      try {
        const found = await answer;
        ask.forEach((a, k) => (out[a.i] = found[k]));
      } finally {
        for (const a of ask) this.loading.delete(a.ident.id);
      }
    }
    await Promise.all(waits);
    this.evict();
    return out;
  }

  private async loadMany(idents: readonly SeriesIdentity[]): Promise<Array<SeriesState | undefined>> {
    const records = await this.opts.registry.getMany(idents.map((i) => i.id));
    return records.map((rec, k) => {
      // a write may have made it resident while the registry answered
      const resident = this.resident(idents[k].hi, idents[k].lo);
      if (resident !== undefined) return resident;
      if (rec === undefined) return undefined;
      const s = this.add(rec.metric, idents[k], rec.schema, true);
      s.persistedLastWrite = rec.lastWrite ?? 0;
      this.markIdle(s);
      return s;
    });
  }

  // ---- pending resolution ----

  /** Settles once every registry lookup in flight has answered (pending series may remain after a failure). */
  async settled(): Promise<void> {
    while (this.lookupScheduled || this.lookups.size > 0) {
      if (this.lookupScheduled) await new Promise<void>((resolve) => queueMicrotask(resolve));
      else await Promise.all(this.lookups);
    }
  }

  /** The oldest write-ahead log segment holding a pending point, or Infinity. */
  minPendingSegment(): number {
    let min = Infinity;
    for (const s of this.unresolved) min = Math.min(min, s.pendingSegment);
    for (const s of this.byHash.valuesIterator()) if (s.pending !== null) min = Math.min(min, s.pendingSegment);
    return min;
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private scheduleLookup(): void {
    if (this.lookupScheduled) return;
    this.lookupScheduled = true;
    // after the current batch of writes (a socket read, a pickle frame): one round trip for all
    queueMicrotask(() => {
      this.lookupScheduled = false;
      const list = this.unresolved;
      this.unresolved = [];
      for (let i = 0; i < list.length; i += LOOKUP_BATCH) {
        const p = this.resolveBatch(list.slice(i, i + LOOKUP_BATCH));
        this.lookups.add(p);
        void p.finally(() => this.lookups.delete(p));
      }
    });
  }

  private async resolveBatch(batch: SeriesState[]): Promise<void> {
    let records: Array<SeriesRecord | undefined>;
    try {
      records = await this.opts.registry.getMany(batch.map((s) => s.id));
    } catch (err) {
      this.opts.logger.error({ err, series: batch.length }, 'series registry lookup failed; the points are kept (logged ahead) and the lookup tried again');
      this.unresolved.push(...batch);
      if (!this.closed && this.retryTimer === null) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.scheduleLookup();
        }, RETRY_MS);
        this.retryTimer.unref();
      }
      return;
    }
    batch.forEach((s, k) => {
      const rec = records[k];
      // removed while the registry answered: its points went with it (remove() settled it)
      if (this.byHash.get(s.hi, s.lo) !== s) return;
      if (rec !== undefined) {
        s.plan = this.plans.planOf(rec.schema);
        s.restored = true;
        s.registered = true;
        s.walDefinition = null;
        s.persistedLastWrite = rec.lastWrite ?? 0;
      }
      this.pendingPointCount -= (s.pending?.length ?? 0) / 4;
      try {
        this.opts.onResolved(s, rec === undefined);
      } finally {
        s.pending = null;
        s.resolved = null;
        this.settlers.get(s)?.();
        this.settlers.delete(s);
        // every point was too old for the stored schema: nothing hot to keep it resident
        if (s.isIdle && s.registered) this.markIdle(s);
      }
    });
  }

  // ---- membership ----

  private add(metric: MetricName, ident: SeriesIdentity, schema: StorageSchema, restored: boolean): SeriesState {
    const name = displayName(metric);
    const s = new SeriesState(ident.id, ident.hi, ident.lo, metric, name, this.plans.planOf(schema), restored || this.opts.sharedStore);
    this.byHash.set(ident.hi, ident.lo, s);
    this.byName.set(name, s);
    return s;
  }

  private alias(s: SeriesState, raw: string): void {
    if (raw === s.name || this.byName.get(raw) === s) return;
    this.byName.set(raw, s);
    (s.aliases ??= []).push(raw);
  }

  /** The series has nothing hot any more: it may be evicted once it is the least recently used. */
  markIdle(s: SeriesState): void {
    if (s.inIdleCache) this.idle.delete(s);
    this.idle.set(s, true);
    s.inIdleCache = true;
  }

  /** The series got hot data again: it leaves the idle cache. */
  markActive(s: SeriesState): void {
    if (!s.inIdleCache) return;
    this.idle.delete(s);
    s.inIdleCache = false;
  }

  private touchIdle(s: SeriesState): void {
    this.idle.delete(s);
    this.idle.set(s, true);
  }

  /** Evicts idle series beyond the cache's size, least recently used first. */
  evict(): number {
    let evicted = 0;
    for (const s of this.idle.keys()) {
      if (this.idle.size <= this.opts.idleCacheSize) break;
      this.idle.delete(s);
      s.inIdleCache = false;
      // only what the registry and the store fully hold may go
      if (!s.isIdle || !s.registered) continue;
      this.remove(s);
      evicted++;
    }
    return evicted;
  }

  /** Forgets a series (evicted, or removed from the store). */
  remove(s: SeriesState): void {
    if (this.byHash.get(s.hi, s.lo) !== s) return;
    if (s.pending !== null) {
      // a removal takes its pending points too; whoever waits for them is let go
      this.pendingPointCount -= s.pending.length / 4;
      s.pending = null;
      s.resolved = null;
      this.settlers.get(s)?.();
      this.settlers.delete(s);
    }
    this.byHash.delete(s.hi, s.lo);
    if (this.byName.get(s.name) === s) this.byName.delete(s.name);
    for (const a of s.aliases ?? []) if (this.byName.get(a) === s) this.byName.delete(a);
    if (s.inIdleCache) {
      this.idle.delete(s);
      s.inIdleCache = false;
    }
  }
}
