import type { Database } from 'lmdb';
import type { MetricName, SeriesId, StorageSchema } from '../../series/types.js';
import type { SeriesRecord, SeriesRegistry } from '../chunk-store.js';
import type { LmdbEnvironment } from './environment.js';

export const SERIES_DB_NAME = 'series';

/** What is stored per id (the id itself is the key); msgpack, lmdb-js's default encoding. */
interface StoredSeries {
  metric: MetricName;
  schema: StorageSchema;
}

/** SeriesRegistry in the shared LMDB environment: id -> { metric, schema }. */
export class LmdbSeriesRegistry implements SeriesRegistry {
  private closed = false;

  private constructor(
    private readonly env: LmdbEnvironment,
    private readonly db: Database<StoredSeries, SeriesId>,
  ) {}

  static open(env: LmdbEnvironment): LmdbSeriesRegistry {
    return new LmdbSeriesRegistry(env, env.openDB<StoredSeries, SeriesId>(SERIES_DB_NAME, {}));
  }

  async get(id: SeriesId): Promise<SeriesRecord | undefined> {
    this.checkOpen();
    const v = this.db.get(id);
    return v === undefined ? undefined : { id, metric: v.metric, schema: v.schema };
  }

  /** One transaction for the whole list; resolves once it is on disk. */
  async put(records: readonly SeriesRecord[]): Promise<void> {
    this.checkOpen();
    if (records.length === 0) return;
    const rows = records.map((r) => {
      if (typeof r.id !== 'string' || r.id.length === 0) throw new Error('series record without an id');
      return { id: r.id, value: { metric: { name: r.metric.name, tags: { ...r.metric.tags } }, schema: r.schema } satisfies StoredSeries };
    });
    await this.env.transaction(() => {
      for (const { id, value } of rows) this.db.putSync(id, value);
    });
    await this.env.flushed;
  }

  async delete(id: SeriesId): Promise<void> {
    this.checkOpen();
    await this.db.remove(id);
    await this.env.flushed;
  }

  async *all(): AsyncIterable<SeriesRecord> {
    this.checkOpen();
    // a snapshot: records put while the caller iterates are not seen, and none is seen twice
    for (const { key, value } of this.db.getRange({ snapshot: true })) {
      yield { id: key, metric: value.metric, schema: value.schema };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.env.flushed;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('series registry is closed');
  }
}
