import type { Database } from 'lmdb';
import type { MetricName, SeriesId, StorageSchema } from '../../series/types.js';
import type { SeriesActivity, SeriesRecord, SeriesRegistry } from '../chunk-store.js';
import type { LmdbEnvironment } from './environment.js';

export const SERIES_DB_NAME = 'series';
/** [lastWrite, id] -> empty: the records by last write, oldest first, for idle() */
export const SERIES_ACTIVITY_DB_NAME = 'series.activity';
/** what this registry has done to its data once: `activity` (the activity index is complete) */
const SERIES_META_DB_NAME = 'series.meta';

/** What is stored per id (the id itself is the key); msgpack, lmdb-js's default encoding. */
interface StoredSeries {
  metric: MetricName;
  schema: StorageSchema;
  lastWrite?: number;
}

type ActivityKey = [number, SeriesId];
const EMPTY = Buffer.alloc(0);
/** records given an activity entry per transaction when an older store is upgraded */
const BACKFILL_BATCH = 10_000;

/**
 * SeriesRegistry in the shared LMDB environment: id -> { metric, schema, lastWrite }, and the
 * ids by last write. Reads are local and synchronous; the interface is asynchronous for the
 * remote registries.
 */
export class LmdbSeriesRegistry implements SeriesRegistry {
  private closed = false;
  /** every record with a lastWrite has its activity entry (false: an older store, not upgraded yet) */
  private activityComplete: boolean;
  private markerWritten: boolean;

  private constructor(
    private readonly env: LmdbEnvironment,
    private readonly db: Database<StoredSeries, SeriesId>,
    private readonly activity: Database<Buffer, ActivityKey>,
    private readonly meta: Database<number, string>,
  ) {
    this.markerWritten = meta.get('activity') === 1;
    this.activityComplete = this.markerWritten || (db.getStats() as { entryCount: number }).entryCount === 0;
  }

  static open(env: LmdbEnvironment): LmdbSeriesRegistry {
    return new LmdbSeriesRegistry(
      env,
      env.openDB<StoredSeries, SeriesId>(SERIES_DB_NAME, {}),
      env.openDB<Buffer, ActivityKey>(SERIES_ACTIVITY_DB_NAME, { encoding: 'binary' }),
      env.openDB<number, string>(SERIES_META_DB_NAME, {}),
    );
  }

  async get(id: SeriesId): Promise<SeriesRecord | undefined> {
    this.checkOpen();
    return this.recordOf(id, this.db.get(id));
  }

  async getMany(ids: readonly SeriesId[]): Promise<Array<SeriesRecord | undefined>> {
    this.checkOpen();
    return ids.map((id) => this.recordOf(id, this.db.get(id)));
  }

  /** One transaction for the whole list; resolves once it is on disk. */
  async put(records: readonly SeriesRecord[]): Promise<void> {
    this.checkOpen();
    if (records.length === 0) return;
    const rows = records.map((r) => {
      if (typeof r.id !== 'string' || r.id.length === 0) throw new Error('series record without an id');
      const value: StoredSeries = { metric: { name: r.metric.name, tags: { ...r.metric.tags } }, schema: r.schema };
      if (r.lastWrite !== undefined) value.lastWrite = r.lastWrite;
      return { id: r.id, value };
    });
    await this.env.transaction(() => {
      if (this.activityComplete && !this.markerWritten) {
        this.meta.putSync('activity', 1);
        this.markerWritten = true;
      }
      for (const { id, value } of rows) {
        const old = this.db.get(id);
        if (value.lastWrite === undefined) {
          if (old?.lastWrite !== undefined) value.lastWrite = old.lastWrite;
        } else if (old?.lastWrite !== undefined && old.lastWrite !== value.lastWrite) this.activity.removeSync([old.lastWrite, id]);
        this.db.putSync(id, value);
        if (value.lastWrite !== undefined) this.activity.putSync([value.lastWrite, id], EMPTY);
      }
    });
    await this.env.flushed;
  }

  async touch(activity: readonly SeriesActivity[]): Promise<void> {
    this.checkOpen();
    if (activity.length === 0) return;
    await this.env.transaction(() => {
      for (const { id, lastWrite } of activity) {
        const old = this.db.get(id);
        if (old === undefined || (old.lastWrite !== undefined && old.lastWrite >= lastWrite)) continue;
        if (old.lastWrite !== undefined) this.activity.removeSync([old.lastWrite, id]);
        this.db.putSync(id, { ...old, lastWrite });
        this.activity.putSync([lastWrite, id], EMPTY);
      }
    });
    await this.env.flushed;
  }

  async delete(id: SeriesId): Promise<void> {
    this.checkOpen();
    await this.env.transaction(() => {
      const old = this.db.get(id);
      if (old?.lastWrite !== undefined) this.activity.removeSync([old.lastWrite, id]);
      this.db.removeSync(id);
    });
    await this.env.flushed;
  }

  async idle(before: number, limit: number, after?: SeriesActivity): Promise<SeriesRecord[]> {
    this.checkOpen();
    await this.backfillActivity(before);
    const out: SeriesRecord[] = [];
    // [before] sorts before every [before, id]: the range holds exactly the times < before
    const range = after === undefined ? { end: [before] as unknown as ActivityKey, limit } : { start: [after.lastWrite, after.id] as ActivityKey, exclusiveStart: true, end: [before] as unknown as ActivityKey, limit };
    for (const [, id] of this.activity.getKeys(range)) {
      const rec = this.recordOf(id, this.db.get(id));
      if (rec) out.push(rec);
    }
    return out;
  }

  async *all(): AsyncIterable<SeriesRecord> {
    this.checkOpen();
    // a snapshot: records put while the caller iterates are not seen, and none is seen twice
    for (const { key, value } of this.db.getRange({ snapshot: true })) yield this.recordOf(key, value)!;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.env.flushed;
  }

  /**
   * A store written before records carried their last write has none in the activity index:
   * they are given `now` once (as if written at the upgrade), so they age from there.
   */
  private async backfillActivity(now: number): Promise<void> {
    if (this.activityComplete) return;
    let batch: SeriesId[] = [];
    const flush = async () => {
      const ids = batch;
      batch = [];
      await this.env.transaction(() => {
        for (const id of ids) {
          const old = this.db.get(id);
          if (old === undefined || old.lastWrite !== undefined) continue;
          this.db.putSync(id, { ...old, lastWrite: now });
          this.activity.putSync([now, id], EMPTY);
        }
      });
    };
    for (const { key, value } of this.db.getRange({ snapshot: true })) {
      if (value.lastWrite !== undefined) continue;
      batch.push(key);
      if (batch.length === BACKFILL_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    await this.meta.put('activity', 1);
    this.activityComplete = this.markerWritten = true;
  }

  private recordOf(id: SeriesId, v: StoredSeries | undefined): SeriesRecord | undefined {
    if (v === undefined) return undefined;
    return v.lastWrite === undefined ? { id, metric: v.metric, schema: v.schema } : { id, metric: v.metric, schema: v.schema, lastWrite: v.lastWrite };
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('series registry is closed');
  }
}
