import type { Counter } from '../../lib/stats.js';
import type { Logger } from '../../lib/logger.js';
import { formatRetentions, retentionsProblem } from '../../series/retentions.js';
import { AGGREGATION_METHODS, ChunkEncoding, type StorageSchema } from '../../series/types.js';
import type { ChunkRead, ChunkStore, StoredChunk } from '../../stores/chunk-store.js';
import type { SeriesState } from '../table/series-state.js';
import type { SeriesTable } from '../table/series-table.js';
import type { Registration } from '../write/registration.js';
import { importedWindowPayload, windowsOf, type ImportWindow, type LevelPoints } from './import-windows.js';

/**
 * A series to import with its own schema (a whisper file's header) and its points at every
 * resolution (a whisper file's archives), each resolution's oldest first and aligned to its step.
 */
export interface SeriesImport {
  /** the path, or `name;k=v;...` */
  readonly name: string;
  readonly schema: StorageSchema;
  /** one per resolution of the schema */
  readonly levels: readonly LevelPoints[];
}

export type ImportOutcome =
  /** stored: `points` written, `tooOld` left out as older than their resolution's retention */
  | { readonly status: 'imported'; readonly points: number; readonly tooOld: number }
  /** never importable as it is (an invalid name or schema, a series stored with another schema) */
  | { readonly status: 'skipped'; readonly reason: string }
  /** not stored this time (a failing registry, a shutdown): importing it again may work */
  | { readonly status: 'failed'; readonly reason: string };

export interface ImporterDeps {
  readonly table: SeriesTable;
  readonly registration: Registration;
  readonly store: ChunkStore;
  /** this process' name as a writer of the store */
  readonly writer: string;
  /** the version of chunks written now (the flusher's, so versions only grow) */
  nextVersion(): number;
  /** runs `fn` exclusive of flush and removal rounds */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  nowSeconds(): number;
  stopped(): boolean;
  readonly logger: Logger;
  readonly counters: { readonly points: Counter; readonly series: Counter };
}

/** Series written per round: their chunks go to the store in writes of about this many bytes. */
const SERIES_PER_ROUND = 512;
const BYTES_PER_WRITE = 16 * 1024 * 1024;

interface Job {
  readonly item: SeriesImport;
  readonly done: (o: ImportOutcome) => void;
}

/** A job whose series is admitted: as the table holds it (looked up again if evicted meanwhile). */
interface Admitted extends Job {
  s: SeriesState;
}

/**
 * Imports series with an explicit schema, their points written straight into stored chunks at
 * the resolutions they belong to (docs/storage-engine.md, "Imports"):
 *
 * 1. each series is admitted as a write admits it, with the import's schema instead of the
 *    rules'; one the registry already knows keeps its stored schema, and an import with
 *    another schema is skipped;
 * 2. a new series is registered (index, then registry) before any chunk of it is written;
 * 3. exclusive of flushes, the windows the points fall in are read from this writer's stored
 *    chunks, the imported points written over them, and the windows written back whole. Points
 *    at a rollup resolution become that resolution's records: they are the whisper archive's
 *    own aggregates, kept as they are (they are not recomputed from the imported finer points,
 *    which would change them where whisper's propagation differs from carbyne's).
 *
 * Nothing goes through hot chunks or the write-ahead log: the data is durable once the store
 * write returns, which is when the import answers. Hot points of the series (live writes) stay
 * hot and win over imported ones in reads and at their flush, which recomputes the coarser
 * buckets those points touch, as for any write. Calls made while a round runs share the next
 * round (one store write for many files).
 */
export class SeriesImporter {
  private queue: Job[] = [];
  private running: Promise<void> | null = null;

  constructor(private readonly deps: ImporterDeps) {}

  async importSeries(list: readonly SeriesImport[]): Promise<ImportOutcome[]> {
    const out: ImportOutcome[] = new Array(list.length);
    const jobs: Array<Promise<void>> = [];
    list.forEach((item, i) => {
      const problem = importProblem(item);
      if (problem !== null) out[i] = { status: 'skipped', reason: problem };
      else jobs.push(new Promise<void>((resolve) => this.queue.push({ item, done: once((o) => resolve(void (out[i] = o))) })));
    });
    if (jobs.length > 0) this.drain();
    await Promise.all(jobs);
    return out;
  }

  /** Runs rounds until the queue is empty (one at a time): what arrives meanwhile joins the next. */
  private drain(): void {
    if (this.running !== null) return;
    this.running = (async () => {
      while (this.queue.length > 0) {
        const round = this.queue.splice(0, SERIES_PER_ROUND);
        try {
          const ready = await this.admit(round);
          if (ready.length > 0) await this.deps.exclusive(() => this.writeRound(ready));
        } catch (err) {
          this.deps.logger.error({ err, series: round.length }, 'import: writing to the store failed');
          for (const job of round) job.done({ status: 'failed', reason: `writing to the store failed: ${(err as Error).message}` });
        }
      }
    })().finally(() => {
      this.running = null;
      if (this.queue.length > 0) this.drain();
    });
  }

  /**
   * Admits a round's series together (one registry lookup, one registration of the new ones:
   * index, then registry), each with its import's schema; returns the ones to write, the
   * others done as skipped or failed.
   */
  private async admit(round: Job[]): Promise<Admitted[]> {
    const { table } = this.deps;
    const now = this.deps.nowSeconds();
    const admitted: Admitted[] = [];
    for (const job of round) {
      if (this.deps.stopped()) {
        job.done({ status: 'failed', reason: 'the storage engine is shutting down' });
        continue;
      }
      const s = table.getByName(job.item.name) ?? table.admit(job.item.name, job.item.schema);
      if (s === undefined) {
        job.done({ status: 'skipped', reason: `invalid metric name "${job.item.name}"` });
        continue;
      }
      // a new series' registry record carries it: the removal of dead series counts from there
      if (s.pending !== null) s.lastWrite = Math.max(s.lastWrite, newestTime(job.item, now));
      admitted.push({ ...job, s });
    }
    await Promise.all(admitted.map(({ s }) => s.resolved));
    this.deps.registration.start();
    await this.deps.registration.settled();
    return admitted.filter((job) => {
      const { s, item } = job;
      if (!sameSchema(s.schema, item.schema)) job.done({ status: 'skipped', reason: `the series exists with another schema: ${describe(s.schema)} (the file: ${describe(item.schema)})` });
      else if (!s.registered) job.done({ status: 'failed', reason: 'registering the series failed (index or registry; see the log)' });
      else return true;
      return false;
    });
  }

  private async writeRound(round: Admitted[]): Promise<void> {
    const { table, store, writer } = this.deps;
    if (this.deps.stopped()) {
      for (const job of round) job.done({ status: 'failed', reason: 'the storage engine is shutting down' });
      return;
    }
    const live = await this.stillStored(round);
    const now = this.deps.nowSeconds();
    const version = this.deps.nextVersion();
    const plans = live.map((job) => {
      const { s, item } = job;
      let tooOld = 0;
      const windows: ImportWindow[] = [];
      s.schema.retentions.forEach((r, level) => {
        const found = windowsOf(level, item.levels[level], s.plan.spans[level], now - r.retention);
        tooOld += found.tooOld;
        windows.push(...found.windows);
      });
      return { job, windows, tooOld };
    });

    // this writer's stored chunks of every window that may have one, in one round trip
    const reads: ChunkRead[] = [];
    const slots = plans.map(({ job: { s }, windows }) =>
      windows.map((w) => {
        if (!s.level(w.level).mayHaveStored(w.start, w.end, s.plan.spans[w.level])) return -1;
        reads.push({ id: s.id, resolution: s.schema.retentions[w.level].step, from: w.start, until: w.end - 1 });
        return reads.length - 1;
      }),
    );
    const stored = reads.length === 0 ? [] : await store.readMany(reads);

    let batch: StoredChunk[] = [];
    let bytes = 0;
    const written: Array<() => void> = [];
    const flushBatch = async () => {
      if (batch.length > 0) await store.write(batch);
      for (const note of written.splice(0)) note();
      batch = [];
      bytes = 0;
    };
    for (const [p, { job, windows }] of plans.entries()) {
      const { s, item } = job;
      for (const [k, w] of windows.entries()) {
        const { step, retention } = s.schema.retentions[w.level];
        const own = slots[p][k] < 0 ? [] : stored[slots[p][k]].filter((c) => (c.writer ?? '') === writer);
        const data = importedWindowPayload(w, step, s.schema.aggregation, item.levels[w.level], own);
        if (data === null) continue;
        batch.push({ id: s.id, resolution: step, start: w.start, end: w.end, encoding: w.level === 0 ? ChunkEncoding.Raw : ChunkEncoding.Rollup, data, ttl: retention, writer, version });
        bytes += data.length;
        written.push(() => s.level(w.level).noteStored(w.start));
        if (bytes >= BYTES_PER_WRITE) await flushBatch();
      }
    }
    await flushBatch();

    for (const { job, windows, tooOld } of plans) {
      const points = windows.reduce((n, w) => n + (w.to - w.from), 0);
      this.deps.counters.points.inc(points);
      this.deps.counters.series.inc();
      job.done({ status: 'imported', points, tooOld });
      if (job.s.isIdle && job.s.registered) table.markIdle(job.s);
    }
    table.evict();
  }

  /**
   * The jobs whose series is still stored, with their series as the table holds it now (an
   * idle one may have been evicted since its admission and is looked up again); a removed one
   * is done as skipped.
   */
  private async stillStored(round: Admitted[]): Promise<Admitted[]> {
    const { table } = this.deps;
    const gone = round.filter((job) => table.getByHash(job.s.hi, job.s.lo) !== job.s);
    if (gone.length > 0) {
      const found = await table.lookupMany(gone.map((job) => job.s.name));
      gone.forEach((job, k) => {
        const s = found[k];
        if (s !== undefined && sameSchema(s.schema, job.item.schema)) job.s = s;
      });
    }
    const live: Admitted[] = [];
    for (const job of round) {
      if (table.getByHash(job.s.hi, job.s.lo) === job.s) live.push(job);
      else job.done({ status: 'skipped', reason: 'the series was removed while it was imported' });
    }
    return live;
  }
}

/** What makes an import impossible whatever the store holds, or null. */
function importProblem(item: SeriesImport): string | null {
  const { schema, levels } = item;
  const retentions = retentionsProblem(schema.retentions);
  if (retentions !== null) return `invalid retentions: ${retentions}`;
  if (!(AGGREGATION_METHODS as readonly string[]).includes(schema.aggregation)) return `aggregation method ${schema.aggregation} is not supported`;
  if (!(schema.xFilesFactor >= 0 && schema.xFilesFactor <= 1)) return `xFilesFactor ${schema.xFilesFactor} is not between 0 and 1`;
  if (levels.length !== schema.retentions.length) return `${levels.length} lists of points for ${schema.retentions.length} resolutions`;
  for (const [level, { times, values }] of levels.entries()) {
    const { step } = schema.retentions[level];
    if (times.length !== values.length) return `resolution ${step}s: ${times.length} times for ${values.length} values`;
    for (let k = 0; k < times.length; k++) {
      const t = times[k];
      if (!Number.isSafeInteger(t) || t % step !== 0 || (k > 0 && t <= times[k - 1])) return `resolution ${step}s: point ${k} at ${t} is not aligned, or not after the one before`;
    }
  }
  return null;
}

/** `fn` for the first call only: a round that fails after settling some of its jobs settles the rest */
function once(fn: (o: ImportOutcome) => void): (o: ImportOutcome) => void {
  let called = false;
  return (o) => {
    if (called) return;
    called = true;
    fn(o);
  };
}

function newestTime(item: SeriesImport, now: number): number {
  let newest = 0;
  for (const { times } of item.levels) if (times.length > 0) newest = Math.max(newest, times[times.length - 1]);
  return Math.min(newest, now);
}

function sameSchema(a: StorageSchema, b: StorageSchema): boolean {
  return (
    a.aggregation === b.aggregation &&
    Math.fround(a.xFilesFactor) === Math.fround(b.xFilesFactor) &&
    a.retentions.length === b.retentions.length &&
    a.retentions.every((r, i) => r.step === b.retentions[i].step && r.retention === b.retentions[i].retention)
  );
}

function describe(schema: StorageSchema): string {
  return `${formatRetentions(schema.retentions)} ${schema.aggregation} xFilesFactor ${schema.xFilesFactor}`;
}
