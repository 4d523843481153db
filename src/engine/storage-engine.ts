import type { RawBuckets, RollupBuckets } from '../series/buckets.js';
import { parseMetricName } from '../series/name.js';
import { displayName } from '../series/id.js';
import type { MetricName, StorageSchema } from '../series/types.js';
import type { ChunkStore, SeriesRegistry } from '../stores/chunk-store.js';
import type { Clock } from '../lib/clock.js';
import type { ValueBuffers } from '../lib/value-pool.js';
import type { Logger } from '../lib/logger.js';
import type { Stats } from '../lib/stats.js';
import { WriteStatus, type PointWriter } from './point-writer.js';
import type { LevelSource, SourceRead, SourceSeries } from './read/level-source.js';
import { Flusher, type FlushOutcome, type FlushSelection } from './flush/flusher.js';
import type { PersistPolicy } from './flush/persist-policy.js';
import { logCutoff, minPinnedSegment, selectForFlush } from './flush/flush-selection.js';
import { HotBudget, hotBytesOf, PENDING_POINT_BYTES } from './flush/hot-budget.js';
import { DecodedChunkCache } from './read/decoded-chunk-cache.js';
import { LevelReads } from './read/level-reads.js';
import type { SeriesState } from './table/series-state.js';
import { SeriesTable } from './table/series-table.js';
import { isTooOld, PointRouter } from './write/point-router.js';
import { Registration, type NewSeriesSink } from './write/registration.js';
import { SeriesAdoption } from './write/series-adoption.js';
import { IngestPressure } from './write/ingest-pressure.js';
import { encodeTombstones, WalBatchWriter, type WalTombstone } from './wal/wal-batch.js';
import { identityOf, type SeriesIdentity } from './table/series-identity.js';
import { replayLog } from './wal/wal-replay.js';
import { SeriesImporter, type ImportOutcome, type SeriesImport } from './import/series-importer.js';
import { decodeSeriesCheckpoint, encodeSeriesCheckpoint, type CheckpointSeries } from './wal/series-checkpoint.js';
import { encodeHotSnapshot, HotSnapshot } from './wal/hot-snapshot.js';

/** The write-ahead log as the engine uses it (src/engine/wal's WriteAheadLog). */
export interface EngineWal {
  readonly currentSegment: number;
  append(payload: Uint8Array): number;
  /** resolves once everything appended so far survives a machine crash (group commit) */
  sync(): Promise<void>;
  rotate(): number;
  replay(fn: (payload: Uint8Array, segment: number) => void): unknown;
  truncateBefore(segment: number): number;
  sizeBytes(): number;
  /** what the last clean close left beside the log (the series checkpoint), once */
  takeSidecar(): Uint8Array | null;
  close(sidecar?: Uint8Array | readonly Uint8Array[]): void;
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
  /** series with nothing hot kept in memory for the next write or read (default 1 M) */
  readonly seriesCacheSize?: number;
  /** hot bytes at which ingest pauses until a flush makes room (default 1.5 x maxHotBytes) */
  readonly pauseIngestAtHotBytes?: number;
  /** write-ahead log bytes at which ingest pauses until a flush lets the log be cut (default: never) */
  readonly pauseIngestAtLogBytes?: number;
  /** this process' name among the store's writers; '' (the default) when it is the only one */
  readonly writer?: string;
  /**
   * Which closed windows this process writes, holds or lets go, when other writers of a shared
   * store hold the same series (a cluster's replicas); absent, it writes every one.
   */
  readonly persistPolicy?: PersistPolicy;
}

export interface FlushOptions {
  /** every hot chunk, open windows included (shutdown) */
  readonly all?: boolean;
}

/** A write batch is appended to the log early once it grows past this. */
const MAX_BATCH_BYTES = 4 * 1024 * 1024;
const MIN_BUDGET_FLUSH_GAP_MS = 200;
/** a series' last write is persisted when the registry's copy is this much older (seconds) */
export const ACTIVITY_GRANULARITY = 3600;
const DEFAULT_SERIES_CACHE = 1_000_000;
/** a background restore of a hot snapshot works this long (ms) before it lets other work run */
const RESTORE_SLICE_MS = 10;

/**
 * The storage engine: takes points (PointWriter), keeps them in hot chunks per series and
 * resolution, logs them ahead, flushes closed windows with their rollups to the store, and
 * answers reads at any resolution with stored and hot data merged (LevelSource). Its parts:
 * the series table (which series are in memory, looked up in the registry on demand), the
 * point router, the registration of new series, the flush selection and budget, the flusher,
 * and the level reads.
 */
export class StorageEngine implements PointWriter, LevelSource {
  private readonly table: SeriesTable;
  private readonly router: PointRouter;
  private readonly registration: Registration;
  private readonly batch = new WalBatchWriter();
  private readonly reads: LevelReads;
  private readonly flusher: Flusher;
  private readonly budget: HotBudget;
  private readonly pressure: IngestPressure;
  /** log bytes past which the chunks pinning its oldest segments are flushed early */
  private readonly maxWalBytes: number;
  /** a budget flush deferred by MIN_BUDGET_FLUSH_GAP_MS */
  private deferredFlush: NodeJS.Timeout | undefined;
  private readonly importer: SeriesImporter;
  /** series another writer of a shared store registered first, for this process' own index */
  private readonly adoption: SeriesAdoption;
  private flushChain: Promise<unknown> = Promise.resolve();
  private flushRequested = false;
  private registrationScheduled = false;
  /** where removed series are announced (the index), before their chunks and record go */
  private readonly removalSinks: Array<(metrics: readonly MetricName[]) => Promise<unknown>> = [];
  /** log segments holding the tombstones of removals under way: not cut until they are over */
  private readonly removalSegments = new Set<number>();
  /** performance.now() of the last budget-triggered flush request, to space them out */
  private lastFlushRequestMs = -Infinity;
  private stopped = false;
  /** set when a stop without flushing begins: a background restore gives up */
  private closing = false;
  /** the background restore of a hot snapshot, until it is over */
  private restore: Promise<void> | null = null;
  /** a removal failed half-way: the next start must replay the log, whose tombstone finishes it */
  private removalUnfinished = false;

  private readonly counters;

  constructor(private readonly opts: EngineOptions) {
    const { stats } = opts;
    const writer = opts.writer ?? '';
    if (!opts.store.singleWriter && writer === '') throw new Error('a store shared by several writers needs a writer name for this process');
    const decoded = new DecodedChunkCache(opts.decodedCacheBytes ?? 0, stats.counter('engine.decoded_cache_hits'), stats.counter('engine.decoded_cache_misses'));
    this.reads = new LevelReads(opts.store, decoded, writer);
    this.flusher = new Flusher(opts.store, this.reads, writer, () => opts.clock.nowMs());
    const pauseAtLogBytes = opts.pauseIngestAtLogBytes ?? Infinity;
    // the log is cut early well before ingest would pause on it, so a flush that works ends the pause
    this.maxWalBytes = Math.min(opts.maxWalBytes, pauseAtLogBytes / 2);
    this.budget = new HotBudget(opts.maxHotBytes, opts.maxSeries, this.maxWalBytes);
    this.pressure = new IngestPressure(opts.pauseIngestAtHotBytes ?? opts.maxHotBytes * 1.5, pauseAtLogBytes, opts.stats);
    this.router = new PointRouter((s) => this.table.markActive(s));
    this.registration = new Registration(opts.registry, opts.logger);
    this.adoption = new SeriesAdoption(opts.logger);
    this.table = new SeriesTable({
      registry: opts.registry,
      rules: opts.rules,
      sharedStore: !opts.store.singleWriter,
      idleCacheSize: opts.seriesCacheSize ?? DEFAULT_SERIES_CACHE,
      logger: opts.logger,
      onResolved: (s, isNew) => this.resolved(s, isNew),
    });
    this.counters = {
      accepted: stats.counter('engine.points_accepted'),
      tooOld: stats.counter('engine.points_too_old'),
      nan: stats.counter('engine.points_nan'),
      invalid: stats.counter('engine.points_invalid_name'),
      created: stats.counter('engine.series_created'),
      evicted: stats.counter('engine.series_evicted'),
      flushes: stats.counter('engine.flushes'),
      chunks: stats.counter('engine.chunks_flushed'),
      bytes: stats.counter('engine.bytes_flushed'),
      flushErrors: stats.counter('engine.flush_errors'),
      expired: stats.counter('engine.chunks_expired'),
      removed: stats.counter('engine.series_removed'),
      replayed: stats.counter('engine.points_replayed'),
      restored: stats.counter('engine.points_restored'),
      dropped: stats.counter('engine.chunks_dropped'),
    };
    this.importer = new SeriesImporter({
      table: this.table,
      registration: this.registration,
      store: opts.store,
      writer,
      nextVersion: () => this.flusher.nextVersion(),
      exclusive: (fn) => this.exclusive(fn),
      nowSeconds: () => opts.clock.nowSeconds(),
      stopped: () => this.stopped,
      logger: opts.logger,
      counters: { points: stats.counter('engine.points_imported'), series: stats.counter('engine.series_imported') },
    });
    stats.gauge('engine.series', () => this.table.size);
    stats.gauge('engine.series_idle', () => this.table.idleCount);
    stats.gauge('engine.series_active', () => this.budget.activeSeries);
    stats.gauge('engine.hot_bytes', () => this.hotBytes());
    stats.gauge('engine.wal_bytes', () => this.opts.wal.sizeBytes());
    stats.gauge('engine.decoded_cache_bytes', () => decoded.bytes);
  }

  // ---- life cycle ----

  /**
   * Replays the write-ahead log (looking up in the registry only the series it names: start-up
   * loads nothing else). Call once before writing.
   */
  async open(): Promise<void> {
    const now = this.opts.clock.nowSeconds();
    const started = performance.now();
    const cpu = process.cpuUsage();
    // what a clean stop left: its hot snapshot (restored instead of replaying the log), or the
    // series checkpoint (which spares the replay's registry lookups); with other writers the
    // registry and the store may have changed meanwhile, so neither is trusted
    const sidecar = this.opts.store.singleWriter ? this.opts.wal.takeSidecar() : (this.opts.wal.takeSidecar(), null);
    const snapshot = sidecar === null ? null : this.decodeSnapshot(sidecar);
    if (snapshot !== null) {
      this.openFromSnapshot(snapshot);
      const used = process.cpuUsage(cpu);
      this.opts.logger.info({ series: snapshot.count, now, ms: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000) }, 'storage engine open; restoring its hot series in the background');
      return;
    }
    const checkpoint = sidecar === null ? null : decodeSeriesCheckpoint(sidecar);
    const outcome = await replayLog(
      this.opts.wal,
      this.table,
      this.opts.registry,
      (s, ts, value, at, segment) => this.router.apply(s, ts, value, at, segment) === WriteStatus.Accepted,
      (removed) => this.finishRemovals(removed),
      this.opts.logger,
      checkpoint,
    );
    this.counters.replayed.inc(outcome.points);
    if (outcome.unknownPoints > 0) this.opts.logger.error({ points: outcome.unknownPoints }, 'write-ahead log points of series with no definition were skipped');
    if (outcome.undecodable > 0) this.opts.logger.error({ records: outcome.undecodable }, 'write-ahead log records that could not be read were skipped');
    for (const s of outcome.created) this.registration.add(s);
    for (const s of outcome.adopted) this.adoption.add(s.metric);
    this.registration.start();
    this.budget.measure(this.table.values(), 0);
    const used = process.cpuUsage(cpu);
    this.opts.logger.info({ series: this.table.size, replayed: outcome.points, now, ms: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000), replayCpuMs: outcome.cpuMs }, 'storage engine open');
  }

  /** The hot snapshot in a sidecar; null when it holds a series checkpoint or cannot be read (the log is replayed). */
  private decodeSnapshot(sidecar: Uint8Array): HotSnapshot | null {
    try {
      return HotSnapshot.decode(sidecar);
    } catch (err) {
      this.opts.logger.error({ err }, 'the hot snapshot of the last stop cannot be read; the write-ahead log is replayed instead');
      return null;
    }
  }

  /**
   * Starts from a clean stop's hot snapshot: the log holds nothing the snapshot lacks, so it is
   * not replayed (it stays, for a crash, until flushes cut it as usual). Series are restored in
   * the background, a slice at a time, and at once when anything asks for one; flushes wait
   * for the restore to end. Series the registry has not recorded yet are restored now and
   * registered again.
   */
  private openFromSnapshot(snapshot: HotSnapshot): void {
    this.table.attachSnapshot(snapshot, (s, points) => {
      this.counters.restored.inc(points);
      if (!s.registered) this.registration.add(s);
    });
    this.table.restoreWhere((snap, row) => !snap.registered(row));
    this.registration.start();
    this.restore = this.restoreInBackground(performance.now());
  }

  private async restoreInBackground(started: number): Promise<void> {
    const cpu = process.cpuUsage();
    // after open() has returned, so that `restore` is set before this clears it
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (!this.closing && this.table.restoreUntil(performance.now() + RESTORE_SLICE_MS)) await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.table.restoring) return;
    this.restore = null;
    this.budget.measure(this.table.values(), this.table.pendingPoints);
    const used = process.cpuUsage(cpu);
    this.opts.logger.info({ series: this.table.size, points: this.counters.restored.value, ms: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000) }, 'hot series restored');
    this.commit();
  }

  /**
   * Stops the engine; the store is closed by its owner. With `flush` (the default) every hot
   * chunk is persisted and the write-ahead log emptied: nothing is left to replay. Without it
   * (a service manager's SIGTERM) the log is only made durable and closed, which takes a
   * moment whatever is hot: the next start replays it, and no accepted point is lost.
   */
  async close(opts: { flush?: boolean } = {}): Promise<void> {
    if (this.stopped) return;
    // a flush of everything needs every series restored; a stop that only syncs the log keeps
    // the rows not restored yet in its own snapshot
    if (!(opts.flush ?? true)) this.closing = true;
    this.commit();
    // listeners waiting for room are let go: they are being stopped
    this.pressure.resume();
    clearTimeout(this.deferredFlush);
    if (opts.flush ?? true) {
      await this.flush({ all: true });
      // no flush or removal runs past this: rounds are exclusive
      await this.exclusive(async () => {
        this.stopped = true;
      });
      await this.registration.finish();
      await this.adoption.settled();
      this.adoption.close();
      this.table.close();
      if (minPinnedSegment(this.table.values()) === Infinity && this.table.minPendingSegment() === Infinity && !this.registration.blocksLogTruncation) {
        const next = this.opts.wal.rotate();
        this.opts.wal.truncateBefore(next);
      }
    } else {
      await this.exclusive(async () => {
        this.stopped = true;
      });
      // registrations under way may finish or not: their series' definitions are in the log
      await Promise.race([this.registration.settled(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      this.adoption.close();
      this.table.close();
      this.opts.wal.close(this.stopSidecar());
      return;
    }
    this.opts.wal.close();
  }

  /**
   * What a stop without flushing leaves beside the log: the hot snapshot when it holds all the
   * log does (every series resolved, no removal left half-way, one writer), else the series
   * checkpoint for a replay.
   */
  private stopSidecar(): Uint8Array | readonly Uint8Array[] {
    if (!this.removalUnfinished && this.opts.store.singleWriter) {
      const resident: SeriesState[] = [];
      let pending = false;
      // idle series are in the store and the registry already: nothing to restore
      for (const s of this.table.values()) {
        if (s.pending !== null) pending = true;
        else if (!s.isIdle || !s.registered) resident.push(s);
      }
      if (pending) return this.seriesCheckpoint();
      const started = performance.now();
      const snapshot = encodeHotSnapshot(resident, this.table.unrestored());
      if (snapshot !== null) {
        const bytes = snapshot.reduce((n, part) => n + part.length, 0);
        this.opts.logger.info({ series: resident.length, carried: this.table.unrestored()?.remaining ?? 0, bytes, ms: Math.round(performance.now() - started) }, 'hot snapshot made');
        return snapshot;
      }
      this.opts.logger.warn({ series: resident.length }, 'the hot data is too big for a snapshot: the next start replays the log');
    }
    return this.seriesCheckpoint();
  }

  /** The resident series with their schemas, for the next start's replay (pending ones are left to the registry). */
  private seriesCheckpoint(): Uint8Array {
    const rows: CheckpointSeries[] = [];
    for (const s of this.table.values()) {
      if (s.pending !== null) continue;
      rows.push({ hi: s.hi, lo: s.lo, name: s.name, schema: s.schema, registered: s.registered, persistedLastWrite: s.persistedLastWrite });
    }
    return encodeSeriesCheckpoint(rows);
  }

  /**
   * `sink` learns of every new series before the registry records it (the metric index): the
   * registration waits for it, and is tried again if it fails.
   */
  onNewSeries(sink: NewSeriesSink): void {
    this.registration.addSink(sink);
  }

  /**
   * With a store shared by several writers: `sink` (this process' own index) learns of every
   * series this process writes that the registry already knew (another writer registered it
   * first), which onNewSeries' sinks never hear of. Not needed when the index is shared too.
   */
  onAdoptedSeries(sink: NewSeriesSink): void {
    if (this.opts.store.singleWriter) return;
    this.adoption.addSink(sink);
  }

  /** `sink` learns of every removed series (the index), before its chunks and record go. */
  onRemovedSeries(sink: (metrics: readonly MetricName[]) => Promise<unknown>): void {
    this.removalSinks.push(sink);
  }

  /**
   * Resolves once every series written so far has been looked up in the registry and, when new,
   * registered (announced to the index, then recorded), or its registration failed and waits
   * for another try. A remote index shows a series only from then on.
   */
  async settled(): Promise<void> {
    this.commit();
    await this.table.settled();
    this.registration.start();
    await this.registration.settled();
    await this.adoption.settled();
  }

  /** Series in memory (hot, pending, or cached idle); the registry may know many more. */
  get seriesCount(): number {
    return this.table.size;
  }

  // ---- writes ----

  write(name: string, value: number, timestamp: number): WriteStatus {
    if (value !== value) {
      this.counters.nan.inc();
      return WriteStatus.NaN;
    }
    let s = this.table.getByName(name);
    if (s === undefined) {
      s = this.table.admit(name);
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
    const s = this.table.getByBytes(buf, start, end);
    if (s === undefined) return this.write(utf8Slice.call(buf, start, end), value, timestamp);
    return this.writeTo(s, value, timestamp);
  }

  private writeTo(s: SeriesState, value: number, timestamp: number): WriteStatus {
    const now = this.opts.clock.nowSeconds();
    const ts = timestamp === -1 ? now : Math.floor(timestamp);
    const segment = this.opts.wal.currentSegment;
    let status: WriteStatus;
    if (s.pending === null) status = this.router.apply(s, ts, value, now, segment);
    else if (isTooOld(s.plan.schema, ts, now)) status = WriteStatus.TooOld;
    else {
      // the registry has not said yet whether the series exists (and with which schema)
      this.table.holdPending(s, ts, value, now, segment);
      status = WriteStatus.Accepted;
    }
    if (status === WriteStatus.Accepted) {
      this.counters.accepted.inc();
      this.budget.pointWritten();
      this.batch.point(s, ts, value, now);
      if (this.batch.byteLength > MAX_BATCH_BYTES) this.opts.wal.append(this.batch.take());
    } else this.counters.tooOld.inc();
    return status;
  }

  commit(): void {
    if (!this.batch.isEmpty) this.opts.wal.append(this.batch.take());
    this.registration.start();
    const logBytes = this.opts.wal.sizeBytes();
    if (this.budget.overBudget(logBytes)) this.requestFlush();
    this.pressure.check(this.budget.estimatedHotBytes(), logBytes);
  }

  /**
   * Null while points are taken at full speed; else a promise the listeners wait on before
   * reading more (the hot data or the log reached its limit while nothing could be flushed).
   */
  backlog(): Promise<void> | null {
    return this.pressure.backlog();
  }

  /**
   * commit(), then resolves once the points are on stable storage (they survive a machine
   * crash, not only a process crash). Concurrent callers share one fdatasync.
   */
  commitDurable(): Promise<void> {
    this.commit();
    return this.opts.wal.sync();
  }

  /** A pending series learnt its schema: its points go to their chunks, a new one gets registered. */
  private resolved(s: SeriesState, isNew: boolean): void {
    const p = s.pending!;
    for (let i = 0; i < p.length; i += 4) {
      // the stored schema may keep points for less long than the rules' did
      if (this.router.apply(s, p[i], p[i + 1], p[i + 2], p[i + 3]) !== WriteStatus.Accepted) this.counters.tooOld.inc();
    }
    if (!isNew) {
      this.adoption.add(s.metric);
      return;
    }
    this.counters.created.inc();
    this.budget.seriesCreated();
    this.registration.add(s);
    if (this.registrationScheduled) return;
    this.registrationScheduled = true;
    queueMicrotask(() => {
      this.registrationScheduled = false;
      this.registration.start();
    });
  }

  // ---- imports ----

  /**
   * Imports series with their own schema and their points at every resolution (a whisper
   * file's archives), straight into the store (src/engine/import/series-importer.ts). Resolves
   * once every imported point is durable; one outcome per series, in order.
   */
  importSeries(list: readonly SeriesImport[]): Promise<ImportOutcome[]> {
    return this.importer.importSeries(list);
  }

  // ---- reads (LevelSource) ----

  lookup(name: string): Promise<SeriesState | undefined> {
    return this.table.lookup(name);
  }

  lookupMany(names: readonly string[]): Promise<Array<SeriesState | undefined>> {
    return this.table.lookupMany(names);
  }

  readRaw(series: SourceSeries, from: number, until: number): Promise<RawBuckets> {
    return this.reads.raw(series as SeriesState, from, until);
  }

  readRollup(series: SourceSeries, level: number, from: number, until: number): Promise<RollupBuckets> {
    return this.reads.rollup(series as SeriesState, level, from, until);
  }

  readMany(reads: readonly SourceRead[], buffers?: ValueBuffers): Promise<Array<RawBuckets | RollupBuckets>> {
    return this.reads.readMany(
      reads.map((r) => ({ s: r.series as SeriesState, level: r.level, from: r.from, until: r.until })),
      { buffers },
    );
  }

  /**
   * readMany() of what this process holds in memory only: hot and flushing chunks, and rollup
   * buckets its unflushed finer data rolls up to (computed from every writer's finer data);
   * buckets it holds nothing for are empty. With a shared store, another process' read of the
   * store overlaid with this is the same as this process' full read.
   */
  readManyHot(reads: readonly SourceRead[]): Promise<Array<RawBuckets | RollupBuckets>> {
    return this.reads.readMany(
      reads.map((r) => ({ s: r.series as SeriesState, level: r.level, from: r.from, until: r.until })),
      { hotOnly: true },
    );
  }

  /**
   * Display names of the series in memory that took a point at or after `since` (engine time,
   * when the point arrived, whatever its timestamp): what a cluster node that was away asks its
   * replicas for.
   */
  *writtenSince(since: number): Iterable<string> {
    for (const s of this.table.values()) if (s.lastWrite >= since) yield s.name;
    for (const s of this.table.unrestoredSeries()) if (s.lastWrite >= since) yield s.name;
  }

  // ---- flushing ----

  /** Schedules a flush soon (memory or log over budget), once. */
  requestFlush(): void {
    // the restore's end commits, which asks again if a budget is still exceeded
    if (this.flushRequested || this.stopped || this.restore !== null) return;
    // a round that could not get under budget (everything pinned) is not retried at once but
    // after a gap: not dropped, as a paused ingest commits nothing more that would ask again
    const wait = this.lastFlushRequestMs + MIN_BUDGET_FLUSH_GAP_MS - performance.now();
    if (wait > 0) {
      this.deferredFlush ??= setTimeout(() => {
        this.deferredFlush = undefined;
        this.requestFlush();
      }, wait).unref();
      return;
    }
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
    return this.exclusive(() => this.flushRound(opts));
  }

  /** Runs `fn` after every flush round and removal before it, and before any after it. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.flushChain.then(fn);
    this.flushChain = run.catch(() => undefined);
    return run;
  }

  private async flushRound(opts: FlushOptions): Promise<FlushOutcome> {
    // a flush walks every series, and the log's cut needs every chunk's segment
    if (this.restore !== null) await this.restore;
    if (this.stopped || this.table.restoring) return { series: 0, chunks: 0, bytes: 0 };
    this.commit();
    // points of series waiting for the registry join their chunks first
    await this.table.settled();
    const now = this.opts.clock.nowSeconds();
    const wal = this.opts.wal;
    const pinnedBefore = wal.sizeBytes() > this.maxWalBytes ? logCutoff(this.table.values(), wal.currentSegment) : -Infinity;
    const policy = this.opts.persistPolicy;
    const token = policy?.roundStarting(now);
    const dropped: FlushSelection = new Map();
    const selection = selectForFlush(this.table.values(), now, opts.all ?? false, { maxHotBytes: this.opts.maxHotBytes, maxSeries: this.opts.maxSeries, pinnedBefore }, policy, dropped);
    this.counters.dropped.inc(this.flusher.discard(dropped));
    const t0 = performance.now();
    let outcome: FlushOutcome = { series: 0, chunks: 0, bytes: 0 };
    try {
      outcome = await this.flusher.flush(selection);
    } catch (err) {
      this.counters.flushErrors.inc();
      // the chunks went back to hot: measured again, so a paused ingest stays paused rightly
      this.budget.measure(this.table.values(), this.table.pendingPoints);
      policy?.roundEnded(token, false);
      throw err;
    } finally {
      this.opts.stats.timer('engine.flush_ms').observe(performance.now() - t0);
    }
    policy?.roundEnded(token, true);
    for (const s of dropped.keys()) if (s.isIdle) this.table.markIdle(s);
    this.counters.flushes.inc();
    this.counters.chunks.inc(outcome.chunks);
    this.counters.bytes.inc(outcome.bytes);
    for (const s of selection.keys()) if (s.isIdle) this.table.markIdle(s);
    // a new series' definition must be in the registry before the log segment holding it goes
    await this.registration.settled();
    if (!this.registration.blocksLogTruncation) {
      const keep = Math.min(minPinnedSegment(this.table.values()), this.table.minPendingSegment(), ...this.removalSegments, wal.currentSegment);
      wal.truncateBefore(keep);
    }
    await this.persistActivity();
    this.counters.evicted.inc(this.table.evict());
    this.budget.measure(this.table.values(), this.table.pendingPoints);
    this.pressure.recheck(this.budget.estimatedHotBytes(), wal.sizeBytes());
    return outcome;
  }

  /** Records in the registry the last writes it is more than a granularity behind on. */
  private async persistActivity(): Promise<void> {
    const stale: SeriesState[] = [];
    for (const s of this.table.values()) if (s.registered && s.lastWrite - s.persistedLastWrite >= ACTIVITY_GRANULARITY) stale.push(s);
    if (stale.length === 0) return;
    const activity = stale.map((s) => ({ id: s.id, lastWrite: s.lastWrite }));
    try {
      await this.opts.registry.touch(activity);
      stale.forEach((s, k) => (s.persistedLastWrite = activity[k].lastWrite));
    } catch (err) {
      // tried again after the next round; only the removal of dead series depends on it
      this.opts.logger.warn({ err, series: stale.length }, 'recording series activity in the registry failed');
    }
  }

  // ---- removal ----

  /**
   * Removes series whatever they hold (`carbyne series delete`, /tags/delSeries): their hot
   * data, chunks, registry record and index entries. Safe while points for them arrive: a point
   * accepted during the removal starts the series anew once it is over. Returns how many of
   * them existed.
   */
  removeSeries(metrics: readonly MetricName[]): Promise<number> {
    return this.exclusive(() => this.removalRound(metrics, () => true));
  }

  /**
   * Removes series that have had no point for longer than their longest retention (carbon
   * users' `find -mtime +N -delete`): every chunk of theirs has expired, only the name is left.
   * A series written again since the registry's last record of it is kept.
   */
  async removeDeadSeries(): Promise<number> {
    const now = this.opts.clock.nowSeconds();
    const deadline = (lastWrite: number, schema: StorageSchema) => lastWrite + longestRetention(schema) + ACTIVITY_GRANULARITY;
    const isDead = (s: SeriesState) => s.isIdle && deadline(Math.max(s.lastWrite, s.persistedLastWrite), s.schema) < now;
    let removed = 0;
    let after: { id: string; lastWrite: number } | undefined;
    for (;;) {
      const page = await this.opts.registry.idle(now - ACTIVITY_GRANULARITY, 1000, after);
      if (page.length === 0) return removed;
      const last = page[page.length - 1];
      after = { id: last.id, lastWrite: last.lastWrite ?? 0 };
      const dead = page.filter((rec) => deadline(rec.lastWrite ?? now, rec.schema) < now);
      if (dead.length > 0) {
        removed += await this.exclusive(() =>
          this.removalRound(
            dead.map((rec) => rec.metric),
            (s) => isDead(s),
          ),
        );
      }
    }
  }

  /** One removal, exclusive of flushes: `keep` says whether a resident series may go. */
  private async removalRound(metrics: readonly MetricName[], mayGo: (s: SeriesState) => boolean): Promise<number> {
    if (this.stopped || metrics.length === 0) return 0;
    // points accepted so far are logged before the tombstones: a replay voids exactly them
    this.commit();
    await this.table.settled();
    const chosen: WalTombstone[] = [];
    const idents: SeriesIdentity[] = [];
    const resident = new Set<string>();
    for (const metric of metrics) {
      const ident = identityOf(metric);
      const s = this.table.getByHash(ident.hi, ident.lo);
      if (s !== undefined && !mayGo(s)) continue;
      if (s !== undefined) resident.add(ident.id);
      chosen.push({ hi: ident.hi, lo: ident.lo, name: s?.name ?? displayName(metric) });
      idents.push(ident);
    }
    if (chosen.length === 0) return 0;
    this.table.beginRemoval(idents);
    const segment = this.opts.wal.currentSegment;
    this.removalSegments.add(segment);
    try {
      this.opts.wal.append(encodeTombstones(chosen));
      let known: Set<string>;
      try {
        known = await this.finishRemovals(chosen);
      } catch (err) {
        this.removalUnfinished = true;
        throw err;
      }
      const n = idents.filter(({ id }) => resident.has(id) || known.has(id)).length;
      this.counters.removed.inc(n);
      return n;
    } finally {
      this.table.endRemoval(idents);
      this.removalSegments.delete(segment);
    }
  }

  /**
   * Removes the series from the index, the store and the registry (idempotent: replay runs it
   * again); returns the ids the registry knew.
   */
  private async finishRemovals(removed: readonly WalTombstone[]): Promise<Set<string>> {
    const metrics: MetricName[] = [];
    for (const t of removed) {
      const parsed = parseMetricName(t.name);
      if (parsed.ok) metrics.push(parsed.metric);
    }
    await Promise.all(this.removalSinks.map((sink) => sink(metrics)));
    const ids = metrics.map((m) => identityOf(m).id);
    const known = await this.opts.registry.getMany(ids);
    await Promise.all(ids.map((id) => this.opts.store.delete(id)));
    await Promise.all(ids.map((id) => this.opts.registry.delete(id)));
    return new Set(ids.filter((_, k) => known[k] !== undefined));
  }

  // ---- expiry, budgets ----

  /** Removes expired chunks when the store needs telling (a store with TTLs expires by itself). */
  async expire(): Promise<number> {
    if (this.opts.store.expire === undefined) return 0;
    const n = await this.opts.store.expire(this.opts.clock.nowSeconds());
    this.counters.expired.inc(n);
    return n;
  }

  /** Bytes of hot and flushing chunks, and of points held for series the registry has not answered for yet. */
  hotBytes(): number {
    return hotBytesOf(this.table.values()) + this.table.pendingPoints * PENDING_POINT_BYTES;
  }
}

function longestRetention(schema: StorageSchema): number {
  return schema.retentions[schema.retentions.length - 1].retention;
}

/** Buffer's own UTF-8 decoder, which toString() dispatches to after checking its arguments */
const utf8Slice = (Buffer.prototype as unknown as { utf8Slice(this: Uint8Array, start: number, end: number): string }).utf8Slice;
