import type { Logger } from '../../lib/logger.js';
import { parseMetricName } from '../../series/name.js';
import type { SeriesRegistry } from '../../stores/chunk-store.js';
import { HashIndex } from '../table/hash-index.js';
import type { CheckpointSeries } from './series-checkpoint.js';
import { idOfHalves } from '../table/series-identity.js';
import type { SeriesState } from '../table/series-state.js';
import type { SeriesTable } from '../table/series-table.js';
import { decodeTombstones, decodeWalBatch, isTombstoneRecord, type WalDefinition, type WalTombstone } from './wal-batch.js';

/** The write-ahead log as replay reads it. */
export interface ReplayableLog {
  replay(fn: (payload: Uint8Array, segment: number) => void): unknown;
}

export interface ReplayOutcome {
  /** points applied */
  readonly points: number;
  /** points of series neither the registry nor the log defines (skipped) */
  readonly unknownPoints: number;
  /** records that could not be decoded (skipped) */
  readonly undecodable: number;
  /** series the log defined and the registry lacks: to be registered */
  readonly created: readonly SeriesState[];
  /**
   * series the log defined (this process wrote them before the registry had answered it) that
   * the registry knows: with a shared store, another writer may have registered them first
   */
  readonly adopted: readonly SeriesState[];
  /** CPU ms of each pass: reading the series the log names, finding them, applying the points */
  readonly cpuMs: { readonly scan: number; readonly lookup: number; readonly apply: number };
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return Math.round((u.user + u.system) / 1000);
}

/** registry lookups per round trip */
const LOOKUP_BATCH = 10_000;

/**
 * Replays the write-ahead log into the series table in two passes: the first collects the
 * series the records name, which are looked up in the registry in batches (nothing was loaded
 * at start-up); the second applies every point, as it was routed when accepted (each record
 * keeps the engine's `now`).
 *
 * Removed series: a tombstone record voids the points logged before it. Every removal the log
 * holds is finished again (`finishRemovals`, idempotent: the crash may have come half-way)
 * before the registry is asked, so points logged after a removal make a new series.
 */
export async function replayLog(
  log: ReplayableLog,
  table: SeriesTable,
  registry: Pick<SeriesRegistry, 'getMany'>,
  apply: (s: SeriesState, ts: number, value: number, now: number, segment: number) => boolean,
  finishRemovals: (removed: readonly WalTombstone[]) => Promise<unknown>,
  logger: Logger,
  /** the series checkpoint of the last clean stop: those series need no registry lookup */
  checkpoint: HashIndex<CheckpointSeries> | null = null,
): Promise<ReplayOutcome> {
  let undecodable = 0;
  const undecodableRecord = (err: unknown, segment: number) => {
    // framing is checksummed, so this is a record of another version: say so, go on
    if (undecodable++ === 0) logger.error({ err, segment }, 'write-ahead log record cannot be read; skipped');
  };

  // series named by points after their last removal (with a definition when a record has
  // one), and per removed series the number of the record of its last removal; both by hash
  const wanted = new HashIndex<{ hi: number; lo: number; definition: WalDefinition | null }>();
  const removedAt = new HashIndex<number>();
  const removed: WalTombstone[] = [];
  let record = 0;
  let phase = process.cpuUsage();
  log.replay((payload, segment) => {
    record++;
    try {
      if (isTombstoneRecord(payload)) {
        for (const t of decodeTombstones(payload)) {
          removedAt.set(t.hi, t.lo, record);
          removed.push(t);
          wanted.delete(t.hi, t.lo);
        }
        return;
      }
      const b = decodeWalBatch(payload);
      for (let i = 0; i < b.count; i++) {
        const hi = b.hi(i);
        const lo = b.lo(i);
        const known = wanted.get(hi, lo);
        if (known === undefined) {
          if (table.getByHash(hi, lo) === undefined) wanted.set(hi, lo, { hi, lo, definition: b.definition(i) });
        } else if (known.definition === null) known.definition = b.definition(i);
      }
    } catch (err) {
      undecodableRecord(err, segment);
    }
  });
  if (removed.length > 0) await finishRemovals(removed);
  const scan = cpuMsSince(phase);
  phase = process.cpuUsage();

  const created: SeriesState[] = [];
  const adopted: SeriesState[] = [];
  const entries: Array<{ hi: number; lo: number; definition: WalDefinition | null }> = [];
  for (const e of wanted.valuesIterator()) {
    // a series written again after a removal in this log: finishRemovals has just removed its
    // record and index entry again, so it is registered anew as the checkpoint cannot say
    const c = removedAt.get(e.hi, e.lo) === undefined ? checkpoint?.get(e.hi, e.lo) : undefined;
    const metric = c === undefined ? undefined : parsedMetric(c.name);
    if (c === undefined || metric === undefined) {
      entries.push(e);
      continue;
    }
    const id = idOfHalves(e.hi, e.lo);
    const rec = c.registered ? { id, metric, schema: c.schema, lastWrite: c.persistedLastWrite } : undefined;
    const { s, isNew } = table.restore(metric, c.schema, rec, { id, hi: e.hi, lo: e.lo });
    if (isNew) created.push(s);
  }
  for (let i = 0; i < entries.length; i += LOOKUP_BATCH) {
    const batch = entries.slice(i, i + LOOKUP_BATCH).map((e) => ({ ...e, id: idOfHalves(e.hi, e.lo) }));
    const records = await registry.getMany(batch.map((e) => e.id));
    batch.forEach((e, k) => {
      const rec = records[k];
      const def = e.definition;
      if (rec === undefined && def === null) return;
      const metric = rec?.metric ?? (def !== null ? parsedMetric(def.name) : undefined);
      if (metric === undefined) return;
      const { s, isNew } = table.restore(metric, rec?.schema ?? def!.schema, rec, e);
      if (isNew) created.push(s);
      else if (def !== null) adopted.push(s);
    });
  }

  const lookup = cpuMsSince(phase);
  phase = process.cpuUsage();
  let points = 0;
  let unknownPoints = 0;
  undecodable = 0;
  record = 0;
  log.replay((payload, segment) => {
    record++;
    try {
      if (isTombstoneRecord(payload)) return;
      const b = decodeWalBatch(payload);
      const series: Array<SeriesState | null | undefined> = new Array(b.count);
      for (let i = 0; i < b.count; i++) {
        const hi = b.hi(i);
        const lo = b.lo(i);
        // points from before the series' last removal are void
        series[i] = (removedAt.get(hi, lo) ?? 0) > record ? null : table.getByHash(hi, lo);
      }
      b.points((i, ts, value) => {
        const s = series[i];
        if (s === undefined) unknownPoints++;
        else if (s !== null && apply(s, ts, value, b.now, segment)) points++;
      });
    } catch (err) {
      undecodableRecord(err, segment);
    }
  });
  return { points, unknownPoints, undecodable, created, adopted, cpuMs: { scan, lookup, apply: cpuMsSince(phase) } };
}

function parsedMetric(name: string) {
  const parsed = parseMetricName(name);
  return parsed.ok ? parsed.metric : undefined;
}
