import type { Logger } from '../../lib/logger.js';
import { parseMetricName } from '../../series/name.js';
import type { SeriesId } from '../../series/types.js';
import type { SeriesRegistry } from '../../stores/chunk-store.js';
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
): Promise<ReplayOutcome> {
  let undecodable = 0;
  const undecodableRecord = (err: unknown, segment: number) => {
    // framing is checksummed, so this is a record of another version: say so, go on
    if (undecodable++ === 0) logger.error({ err, segment }, 'write-ahead log record cannot be read; skipped');
  };

  // series named by points after their last removal, with a definition when a record has one
  const wanted = new Map<SeriesId, WalDefinition | null>();
  /** per removed series, the number of the record of its last removal */
  const removedAt = new Map<SeriesId, number>();
  const removed = new Map<SeriesId, WalTombstone>();
  let record = 0;
  log.replay((payload, segment) => {
    record++;
    try {
      if (isTombstoneRecord(payload)) {
        for (const t of decodeTombstones(payload)) {
          const id = idOfHalves(t.hi, t.lo);
          removedAt.set(id, record);
          removed.set(id, t);
          wanted.delete(id);
        }
        return;
      }
      for (const { hi, lo, definition } of decodeWalBatch(payload).series) {
        const id = idOfHalves(hi, lo);
        if (table.getById(id) !== undefined) continue;
        if (!wanted.has(id) || (wanted.get(id) === null && definition !== null)) wanted.set(id, definition);
      }
    } catch (err) {
      undecodableRecord(err, segment);
    }
  });
  if (removed.size > 0) await finishRemovals([...removed.values()]);

  const created: SeriesState[] = [];
  const ids = [...wanted.keys()];
  for (let i = 0; i < ids.length; i += LOOKUP_BATCH) {
    const batch = ids.slice(i, i + LOOKUP_BATCH);
    const records = await registry.getMany(batch);
    batch.forEach((id, k) => {
      const rec = records[k];
      const def = wanted.get(id) ?? null;
      if (rec === undefined && def === null) return;
      const metric = rec?.metric ?? (def !== null ? parsedMetric(def.name) : undefined);
      if (metric === undefined) return;
      const { s, isNew } = table.restore(metric, rec?.schema ?? def!.schema, rec);
      if (isNew) created.push(s);
    });
  }

  let points = 0;
  let unknownPoints = 0;
  undecodable = 0;
  record = 0;
  log.replay((payload, segment) => {
    record++;
    try {
      if (isTombstoneRecord(payload)) return;
      const b = decodeWalBatch(payload);
      const series = b.series.map(({ hi, lo }) => {
        const id = idOfHalves(hi, lo);
        // points from before the series' last removal are void
        return (removedAt.get(id) ?? 0) > record ? null : table.getById(id);
      });
      b.points((i, ts, value) => {
        const s = series[i];
        if (s === undefined) unknownPoints++;
        else if (s !== null && apply(s, ts, value, b.now, segment)) points++;
      });
    } catch (err) {
      undecodableRecord(err, segment);
    }
  });
  return { points, unknownPoints, undecodable, created };
}

function parsedMetric(name: string) {
  const parsed = parseMetricName(name);
  return parsed.ok ? parsed.metric : undefined;
}
