import type { Chunk, SeriesId, StorageSchema, MetricName } from '../series/types.js';

/** A chunk on its way to the store, with how long to keep it. */
export interface StoredChunk extends Chunk {
  /** seconds after `end` when the chunk may be removed: its resolution's retention (Cassandra's TTL) */
  readonly ttl: number;
}

/**
 * Where closed chunks live. The embedded LMDB store and the Cassandra store implement it;
 * nothing outside src/stores and the composition root knows which one runs.
 */
export interface ChunkStore {
  /** Chunks of (id, resolution) whose window [start, end) overlaps [from, until], oldest first. */
  read(id: SeriesId, resolution: number, from: number, until: number): Promise<Chunk[]>;
  /** Idempotent by (id, resolution, end): writing a chunk again replaces it. */
  write(chunks: readonly StoredChunk[]): Promise<void>;
  /** Every chunk of the series, at every resolution. */
  delete(id: SeriesId): Promise<void>;
  /** Removes chunks whose `end + ttl` is before `now`; returns how many. */
  expire(now: number): Promise<number>;
  close(): Promise<void>;
}

/** What the engine must remember of a series across restarts: its name and its schema. */
export interface SeriesRecord {
  readonly id: SeriesId;
  readonly metric: MetricName;
  readonly schema: StorageSchema;
}

/** Series metadata, persisted beside the chunks (same backend). */
export interface SeriesRegistry {
  get(id: SeriesId): Promise<SeriesRecord | undefined>;
  put(records: readonly SeriesRecord[]): Promise<void>;
  delete(id: SeriesId): Promise<void>;
  /** Every record; used once at start-up. */
  all(): AsyncIterable<SeriesRecord>;
}
