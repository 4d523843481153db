import { directRecord, type RawBuckets, type RollupBuckets } from '../../series/buckets.js';
import { canonicalTags, fnv1a64Halves, seriesIdOfHalves } from '../../series/id.js';
import { parseMetricName } from '../../series/name.js';
import type { MetricName, StorageSchema } from '../../series/types.js';
import type { ChunkStore, SeriesRecord, SeriesRegistry } from '../../stores/chunk-store.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { Stats } from '../../lib/stats.js';
import { WriteStatus, type PointWriter } from '../point-writer.js';
import type { LevelSource, SourceSeries } from '../../readers/level-source.js';
import { Flusher, type FlushOutcome, type FlushSelection } from './flusher.js';
import { RawHotChunk, RollupHotChunk, type HotChunk } from './hot-chunks.js';
import { DecodedChunkCache } from './decoded-chunk-cache.js';
import { LevelReads } from './level-reads.js';
import { NameTable } from './name-table.js';
import { planFor, SeriesState, type SchemaPlan } from './series-state.js';
import { decodeWalBatch, WalBatchWriter } from './wal-batch.js';
import { windowStart } from './windows.js';

/** The write-ahead log as the engine uses it (src/ingest/wal's WriteAheadLog). */
export interface EngineWal {
  readonly currentSegment: number;
  append(payload: Uint8Array): number;
  rotate(): number;
  replay(fn: (payload: Uint8Array, segment: number) => void): unknown;
  truncateBefore(segment: number): number;
  sizeBytes(): number;
  close(): void;
}

export interface EngineOptions {
  readonly store: ChunkStore;
  readonly registry: SeriesRegistry;
  readonly wal: EngineWal;
  readonly rules: { schemaFor(name: string): StorageSchema };
  readonly clock: Clock;
  readonly logger: Logger;
  readonly stats: Stats;
  /** series with hot chunks beyond which the least recently written are flushed and dropped */
  readonly maxSeries: number;
  /** bytes of hot chunks beyond which the oldest are flushed early */
  readonly maxHotBytes: number;
  /** write-ahead log bytes beyond which the chunks holding its oldest segments are flushed early */
  readonly maxWalBytes: number;
  /** bytes of stored raw chunks kept decoded for reads (0: none) */
  readonly decodedCacheBytes?: number;
}

export interface FlushOptions {
  /** every hot chunk, open windows included (shutdown) */
  readonly all?: boolean;
}

/** A write batch is appended to the log early once it grows past this. */
const MAX_BATCH_BYTES = 4 * 1024 * 1024;
/** Budgets are brought back under this share of their limit when exceeded. */
const LOW_WATER = 0.8;
const MIN_BUDGET_FLUSH_GAP_MS = 200;

/**
 * The storage engine: takes points (PointWriter), keeps them in hot chunks per series and
 * resolution, logs them ahead, flushes closed windows with their rollups to the store, and
 * answers reads at any resolution with stored and hot data merged (LevelSource).
 */
export class StorageEngine implements PointWriter, LevelSource {
  /** raw names as written (`a;y=2;x=1` and `a;x=1;y=2` both) and display names, to their series */
  private readonly byName = new NameTable<SeriesState>();
  private readonly byId = new Map<string, SeriesState>();
  private readonly plans = new Map<string, SchemaPlan>();
  private readonly plansByRetentions = new WeakMap<object, Map<string, SchemaPlan>>();
  private readonly batch = new WalBatchWriter();
  private readonly reads: LevelReads;
  private readonly flusher: Flusher;
  /** series created since the last commit: for the registry and the new-series listeners */
  private created: SeriesState[] = [];
  private readonly pendingRegistrations = new Set<Promise<void>>();
  /** series whose registry write failed, to write again; while any are, the log is not cut */
  private retryRegistration: SeriesState[] = [];
  private unregistered = 0;
  private readonly newSeriesListeners: Array<(metrics: readonly MetricName[]) => void> = [];
  private flushChain: Promise<unknown> = Promise.resolve();
  private flushRequested = false;
  private lastHotBytes = 0;
  private lastActiveSeries = 0;
  private pointsSinceMeasure = 0;
  private seriesSinceMeasure = 0;
  /** performance.now() of the last budget-triggered flush request, to space them out */
  private lastFlushRequestMs = -Infinity;
  private stopped = false;

  private readonly counters;

  constructor(private readonly opts: EngineOptions) {
    const { stats } = opts;
    const decoded = new DecodedChunkCache(opts.decodedCacheBytes ?? 0, stats.counter('engine.decoded_cache_hits'), stats.counter('engine.decoded_cache_misses'));
    this.reads = new LevelReads(opts.store, decoded);
    this.flusher = new Flusher(opts.store, this.reads);
    this.counters = {
      accepted: stats.counter('engine.points_accepted'),
      tooOld: stats.counter('engine.points_too_old'),
      nan: stats.counter('engine.points_nan'),
      invalid: stats.counter('engine.points_invalid_name'),
      created: stats.counter('engine.series_created'),
      flushes: stats.counter('engine.flushes'),
      chunks: stats.counter('engine.chunks_flushed'),
      bytes: stats.counter('engine.bytes_flushed'),
      flushErrors: stats.counter('engine.flush_errors'),
      expired: stats.counter('engine.chunks_expired'),
      replayed: stats.counter('engine.points_replayed'),
    };
    stats.gauge('engine.series', () => this.byId.size);
    stats.gauge('engine.series_active', () => this.lastActiveSeries);
    stats.gauge('engine.hot_bytes', () => this.hotBytes());
    stats.gauge('engine.wal_bytes', () => this.opts.wal.sizeBytes());
    stats.gauge('engine.decoded_cache_bytes', () => decoded.bytes);
  }

  // ---- life cycle ----

  /** Loads the series registry and replays the write-ahead log. Call once before writing. */
  async open(): Promise<void> {
    for await (const rec of this.opts.registry.all()) this.addSeries(rec.metric, rec.schema, true);
    let unknown = 0;
    const now = this.opts.clock.nowSeconds();
    let undecodable = 0;
    this.opts.wal.replay((payload, segment) => {
      try {
        this.replayRecord(payload, segment, () => unknown++);
      } catch (err) {
        // framing is checksummed, so this is a record of another version: say so, go on
        if (undecodable++ === 0) this.opts.logger.error({ err, segment }, 'write-ahead log record cannot be read; skipped');
      }
    });
    if (unknown > 0) this.opts.logger.error({ points: unknown }, 'write-ahead log points of series with no definition were skipped');
    if (undecodable > 0) this.opts.logger.error({ records: undecodable }, 'write-ahead log records that could not be read were skipped');
    this.registerCreated();
    this.opts.logger.info({ series: this.byId.size, replayed: this.counters.replayed.value, now }, 'storage engine open');
  }

  private replayRecord(payload: Uint8Array, segment: number, unknown: () => void): void {
    const b = decodeWalBatch(payload);
    const series = b.series.map(({ hi, lo, definition }) => {
      let s = this.byId.get(idOf(hi, lo));
      if (s === undefined && definition !== null) {
        const parsed = parseMetricName(definition.name);
        if (parsed.ok) {
          // replayed series may have chunks stored already: treated as restored
          s = this.addSeries(parsed.metric, definition.schema, true);
          s.registered = false;
          this.created.push(s);
        }
      }
      return s;
    });
    b.points((i, ts, value) => {
      const s = series[i];
      if (s === undefined) unknown();
      else if (this.apply(s, ts, value, b.now, segment) === WriteStatus.Accepted) this.counters.replayed.inc();
    });
  }

  /** Flushes everything, empties the write-ahead log and closes it. The store is closed by its owner. */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.commit();
    await this.flush({ all: true });
    this.stopped = true;
    await Promise.all(this.pendingRegistrations);
    if (this.retryRegistration.length > 0) {
      this.created = this.retryRegistration;
      this.retryRegistration = [];
      this.registerCreated(true);
      await Promise.all(this.pendingRegistrations);
    }
    if (this.minPinnedSegment() === Infinity && this.unregistered === 0) {
      const next = this.opts.wal.rotate();
      this.opts.wal.truncateBefore(next);
    }
    this.opts.wal.close();
  }

  onNewSeries(listener: (metrics: readonly MetricName[]) => void): void {
    this.newSeriesListeners.push(listener);
  }

  /** Every series the engine knows (stored or hot). */
  *knownSeries(): IterableIterator<MetricName> {
    for (const s of this.byId.values()) yield s.metric;
  }

  get seriesCount(): number {
    return this.byId.size;
  }

  // ---- writes ----

  write(name: string, value: number, timestamp: number): WriteStatus {
    if (value !== value) {
      this.counters.nan.inc();
      return WriteStatus.NaN;
    }
    let s = this.byName.get(name);
    if (s === undefined) {
      s = this.resolveNew(name);
      if (s === undefined) {
        this.counters.invalid.inc();
        return WriteStatus.InvalidName;
      }
    }
    return this.writeTo(s, value, timestamp);
  }

  /** write() with the name as UTF-8 bytes buf[start, end): a known series costs no string. */
  writeBytes(buf: Uint8Array, start: number, end: number, value: number, timestamp: number): WriteStatus {
    if (value !== value) {
      this.counters.nan.inc();
      return WriteStatus.NaN;
    }
    const s = this.byName.getBytes(buf, start, end);
    if (s === undefined) return this.write(utf8Slice.call(buf, start, end), value, timestamp);
    return this.writeTo(s, value, timestamp);
  }

  private writeTo(s: SeriesState, value: number, timestamp: number): WriteStatus {
    const now = this.opts.clock.nowSeconds();
    const ts = timestamp === -1 ? now : Math.floor(timestamp);
    const status = this.apply(s, ts, value, now, this.opts.wal.currentSegment);
    if (status === WriteStatus.Accepted) {
      this.counters.accepted.inc();
      this.batch.point(s, ts, value, now);
      if (this.batch.byteLength > MAX_BATCH_BYTES) this.opts.wal.append(this.batch.take());
    } else this.counters.tooOld.inc();
    return status;
  }

  commit(): void {
    if (!this.batch.isEmpty) this.opts.wal.append(this.batch.take());
    if (this.created.length > 0) this.registerCreated();
    if (this.retryRegistration.length > 0 && this.pendingRegistrations.size === 0) {
      this.created = this.retryRegistration;
      this.retryRegistration = [];
      this.registerCreated(true);
    }
    if (this.overBudget()) this.requestFlush();
  }

  /**
   * Routes one point to its resolution and its hot chunk, as whisper's update_many: the finest
   * resolution that still holds a point of this age. A point exactly `retention` old goes one
   * resolution further: whisper would put it in the ring slot that the current bucket takes
   * over, so no read of that resolution ever returns it (a fetch starts one step after
   * `now - retention`) and its propagation sees the current bucket there instead.
   */
  private apply(s: SeriesState, ts: number, value: number, now: number, segment: number): WriteStatus {
    if (!Number.isFinite(ts)) return WriteStatus.TooOld;
    const retentions = s.plan.schema.retentions;
    const age = now - ts;
    let level = 0;
    while (retentions[level].retention <= age) if (++level === retentions.length) return WriteStatus.TooOld;
    const step = retentions[level].step;
    const t = ts - (((ts % step) + step) % step);
    if (level === 0) {
      let c = s.cur;
      if (c === null || t < c.start || t >= c.end) c = s.cur = this.rawChunkFor(s, t, segment);
      c.write(t, value);
    } else {
      this.rollupChunkFor(s, level, t, segment).write(t, directRecord(value, s.plan.schema.aggregation));
    }
    s.lastWrite = now;
    this.pointsSinceMeasure++;
    return WriteStatus.Accepted;
  }

  private rawChunkFor(s: SeriesState, t: number, segment: number): RawHotChunk {
    const lv = s.level(0);
    for (let i = lv.hot.length - 1; i >= 0; i--) {
      const c = lv.hot[i];
      if (t >= c.start && t < c.end) return c as RawHotChunk;
    }
    const span = s.plan.spans[0];
    const start = windowStart(t, span);
    const c = new RawHotChunk(start, start + span, s.plan.schema.retentions[0].step, segment);
    // a new array of exact size: push would reserve room for ~17 chunks in every series
    lv.hot = lv.hot.length === 0 ? [c] : [...lv.hot, c];
    return c;
  }

  private rollupChunkFor(s: SeriesState, level: number, t: number, segment: number): RollupHotChunk {
    const lv = s.level(level);
    for (let i = lv.hot.length - 1; i >= 0; i--) {
      const c = lv.hot[i];
      if (t >= c.start && t < c.end) return c as RollupHotChunk;
    }
    const span = s.plan.spans[level];
    const start = windowStart(t, span);
    const c = new RollupHotChunk(start, start + span, s.plan.schema.retentions[level].step, segment);
    lv.hot = lv.hot.length === 0 ? [c] : [...lv.hot, c];
    return c;
  }

  private resolveNew(name: string): SeriesState | undefined {
    const parsed = parseMetricName(name);
    if (!parsed.ok) return undefined;
    const { metric } = parsed;
    const hash = hashOf(metric);
    let s = this.byId.get(hash.id);
    if (s === undefined) {
      s = this.addSeries(metric, this.opts.rules.schemaFor(displayOf(metric)), false);
      this.created.push(s);
      this.counters.created.inc();
      this.seriesSinceMeasure++;
    }
    this.byName.set(name, s);
    return s;
  }

  private addSeries(metric: MetricName, schema: StorageSchema, restored: boolean): SeriesState {
    const { id, hi, lo } = hashOf(metric);
    const name = displayOf(metric);
    const s = new SeriesState(id, hi, lo, metric, name, this.planOf(schema), restored);
    this.byId.set(id, s);
    this.byName.set(name, s);
    return s;
  }

  private planOf(schema: StorageSchema): SchemaPlan {
    // rules hand out the same retentions array for every series they match
    let byRule = this.plansByRetentions.get(schema.retentions);
    if (byRule === undefined) this.plansByRetentions.set(schema.retentions, (byRule = new Map()));
    const short = `${schema.aggregation}:${schema.xFilesFactor}`;
    const cached = byRule.get(short);
    if (cached !== undefined) return cached;
    const key = JSON.stringify(schema);
    let plan = this.plans.get(key);
    if (plan === undefined) this.plans.set(key, (plan = planFor(schema)));
    byRule.set(short, plan);
    return plan;
  }

  /** Persists new series in the registry and tells the listeners (the metric index). */
  private registerCreated(retry = false): void {
    const list = this.created;
    this.created = [];
    const records: SeriesRecord[] = list.map((s) => ({ id: s.id, metric: s.metric, schema: s.schema }));
    const p = this.opts.registry.put(records).then(
      () => {
        for (const s of list) {
          s.registered = true;
          s.walDefinition = null;
        }
        this.unregistered -= retry ? list.length : 0;
      },
      (err) => {
        // tried again with the next commit; until then the log keeps every segment (see flushRound)
        this.opts.logger.error({ err, series: list.length }, 'series registry write failed; will retry, the write-ahead log is kept meanwhile');
        if (!retry) this.unregistered += list.length;
        this.retryRegistration.push(...list);
      },
    );
    this.pendingRegistrations.add(p);
    void p.finally(() => this.pendingRegistrations.delete(p));
    if (retry) return;
    const metrics = list.map((s) => s.metric);
    for (const l of this.newSeriesListeners) {
      try {
        l(metrics);
      } catch (err) {
        this.opts.logger.error({ err }, 'new-series listener failed');
      }
    }
  }

  // ---- reads (LevelSource) ----

  lookup(name: string): SeriesState | undefined {
    const s = this.byName.get(name);
    if (s !== undefined) return s;
    const parsed = parseMetricName(name);
    return parsed.ok ? this.byId.get(hashOf(parsed.metric).id) : undefined;
  }

  readRaw(series: SourceSeries, from: number, until: number): Promise<RawBuckets> {
    return this.reads.raw(series as SeriesState, from, until);
  }

  readRollup(series: SourceSeries, level: number, from: number, until: number): Promise<RollupBuckets> {
    return this.reads.rollup(series as SeriesState, level, from, until);
  }

  // ---- flushing ----

  /** Schedules a flush soon (memory or log over budget), once. */
  requestFlush(): void {
    if (this.flushRequested || this.stopped) return;
    // a round that could not get under budget (everything pinned) is not retried at once
    if (performance.now() - this.lastFlushRequestMs < MIN_BUDGET_FLUSH_GAP_MS) return;
    this.lastFlushRequestMs = performance.now();
    this.flushRequested = true;
    setImmediate(() => {
      this.flushRequested = false;
      this.flush().catch((err) => this.opts.logger.error({ err }, 'flush failed'));
    });
  }

  /**
   * One flush round (rounds never overlap): closed windows (past their grace), windows in the
   * future, and, over a budget, the oldest chunks early; then the log is cut before the oldest
   * segment still needed.
   */
  flush(opts: FlushOptions = {}): Promise<FlushOutcome> {
    const run = this.flushChain.then(() => this.flushRound(opts));
    this.flushChain = run.catch(() => undefined);
    return run;
  }

  private async flushRound(opts: FlushOptions): Promise<FlushOutcome> {
    if (this.stopped) return { series: 0, chunks: 0, bytes: 0 };
    this.commit();
    const now = this.opts.clock.nowSeconds();
    const selection = this.select(now, opts.all ?? false);
    const t0 = performance.now();
    let outcome: FlushOutcome = { series: 0, chunks: 0, bytes: 0 };
    try {
      outcome = await this.flusher.flush(selection);
    } catch (err) {
      this.counters.flushErrors.inc();
      throw err;
    } finally {
      this.opts.stats.timer('engine.flush_ms').observe(performance.now() - t0);
    }
    this.counters.flushes.inc();
    this.counters.chunks.inc(outcome.chunks);
    this.counters.bytes.inc(outcome.bytes);
    // a new series' definition must be in the registry before the log segment holding it goes
    await Promise.all(this.pendingRegistrations);
    if (this.unregistered === 0) {
      const keep = Math.min(this.minPinnedSegment(), this.opts.wal.currentSegment);
      this.opts.wal.truncateBefore(keep);
    }
    this.measure();
    return outcome;
  }

  private select(now: number, all: boolean): FlushSelection {
    const selection: FlushSelection = new Map();
    const choose = (s: SeriesState, level: number, c: HotChunk) => {
      let perLevel = selection.get(s);
      if (!perLevel) selection.set(s, (perLevel = s.levels.map(() => [])));
      perLevel[level].push(c);
    };
    const pinned = this.opts.wal.sizeBytes() > this.opts.maxWalBytes ? this.walCutoff() : -Infinity;
    let remainingBytes = 0;
    let active = 0;
    const rest: Array<{ s: SeriesState; level: number; c: HotChunk }> = [];
    for (const s of this.byId.values()) {
      let hot = false;
      s.levels.forEach((lv, level) => {
        if (lv === undefined) return;
        const step = s.plan.schema.retentions[level].step;
        const grace = Math.max(60, 6 * step);
        for (const c of lv.hot) {
          hot = true;
          const current = c.start <= now && now < c.end + grace;
          if (all || !current || c.firstSegment < pinned) choose(s, level, c);
          else {
            remainingBytes += c.byteLength;
            rest.push({ s, level, c });
          }
        }
      });
      if (hot) active++;
    }
    if (remainingBytes > this.opts.maxHotBytes) {
      // oldest windows first until back under the low-water mark
      rest.sort((a, b) => a.c.start - b.c.start);
      for (const r of rest) {
        if (remainingBytes <= this.opts.maxHotBytes * LOW_WATER) break;
        choose(r.s, r.level, r.c);
        remainingBytes -= r.c.byteLength;
      }
    }
    if (active > this.opts.maxSeries) {
      // the least recently written series leave memory whole
      const victims = [...this.byId.values()].filter((s) => s.hasHotData).sort((a, b) => a.lastWrite - b.lastWrite);
      for (const s of victims.slice(0, active - Math.floor(this.opts.maxSeries * LOW_WATER))) {
        s.levels.forEach((lv, level) => {
          if (lv === undefined) return;
          for (const c of lv.hot) if (!selection.get(s)?.[level].includes(c)) choose(s, level, c);
        });
      }
    }
    return selection;
  }

  /** The segment before which the log would fit its budget again: chunks pinning older ones are flushed. */
  private walCutoff(): number {
    const segs: number[] = [];
    for (const s of this.byId.values()) for (const lv of s.levels) if (lv) for (const c of lv.hot) segs.push(c.firstSegment);
    if (segs.length === 0) return -Infinity;
    segs.sort((a, b) => a - b);
    // flush the chunks of the oldest half of the pinned segments
    const lo = segs[0];
    const hi = this.opts.wal.currentSegment;
    return lo + Math.max(1, Math.floor((hi - lo) / 2));
  }

  private minPinnedSegment(): number {
    let min = Infinity;
    for (const s of this.byId.values()) {
      for (const lv of s.levels) {
        if (lv === undefined) continue;
        for (const c of lv.hot) if (c.firstSegment < min) min = c.firstSegment;
        for (const c of lv.flushing) if (c.firstSegment < min) min = c.firstSegment;
      }
    }
    return min;
  }

  // ---- expiry, budgets ----

  async expire(): Promise<number> {
    const n = await this.opts.store.expire(this.opts.clock.nowSeconds());
    this.counters.expired.inc(n);
    return n;
  }

  hotBytes(): number {
    let total = 0;
    for (const s of this.byId.values()) {
      for (const lv of s.levels) {
        if (lv === undefined) continue;
        for (const c of lv.hot) total += c.byteLength;
        for (const c of lv.flushing) total += c.byteLength;
      }
    }
    return total;
  }

  private measure(): void {
    this.lastHotBytes = this.hotBytes();
    let active = 0;
    for (const s of this.byId.values()) if (s.hasHotData) active++;
    this.lastActiveSeries = active;
    this.pointsSinceMeasure = 0;
    this.seriesSinceMeasure = 0;
  }

  /** Cheap estimate between flushes: the last measure plus ~2 bytes per point since. */
  private overBudget(): boolean {
    return this.lastHotBytes + this.pointsSinceMeasure * 2 > this.opts.maxHotBytes || this.lastActiveSeries + this.seriesSinceMeasure > this.opts.maxSeries || this.opts.wal.sizeBytes() > this.opts.maxWalBytes;
  }
}

/** Buffer's own UTF-8 decoder, which toString() dispatches to after checking its arguments */
const utf8Slice = (Buffer.prototype as unknown as { utf8Slice(this: Uint8Array, start: number, end: number): string }).utf8Slice;

function hashOf(metric: MetricName): { id: string; hi: number; lo: number } {
  const h = fnv1a64Halves(`${metric.name}:${canonicalTags(metric.tags)}`);
  return { id: seriesIdOfHalves(h), hi: h.hi, lo: h.lo };
}

function idOf(hi: number, lo: number): string {
  return seriesIdOfHalves({ hi, lo });
}

function displayOf(metric: MetricName): string {
  const tags = canonicalTags(metric.tags);
  return tags === '' ? metric.name : `${metric.name};${tags}`;
}
