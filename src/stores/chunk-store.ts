import type { Chunk, SeriesId, StorageSchema, MetricName } from '../series/types.js';
import type { ChunkCopies } from '../lib/value-pool.js';

/** A chunk on its way to the store, with how long to keep it. */
export interface StoredChunk extends Chunk {
  /** seconds after `end` when the chunk may be removed: its resolution's retention (Cassandra's TTL) */
  readonly ttl: number;
}

/** One series' chunks of one resolution whose windows overlap [from, until] (inclusive). */
export interface ChunkRead {
  readonly id: SeriesId;
  readonly resolution: number;
  readonly from: number;
  readonly until: number;
}

/**
 * Where closed chunks live. The embedded LMDB store and the Cassandra store implement it;
 * nothing outside src/stores and the composition root (src/app/backends.ts) knows which runs.
 *
 * Several writers: a chunk is keyed by (id, resolution, end, writer), so two carbyne processes
 * flushing the same window store two chunks and never overwrite each other's; a read returns
 * every writer's chunks of a window and the reader merges them point by point, the chunk with
 * the higher `version` winning where both hold a point (docs/architecture.md, "Several writers").
 */
export interface ChunkStore {
  /**
   * True when this process is the only one writing to the store (LMDB in its own data
   * directory). Only then may the engine conclude from its own memory that the store holds
   * nothing of a series; with several writers it always asks the store.
   */
  readonly singleWriter: boolean;
  /** Chunks of (id, resolution) whose window [start, end) overlaps [from, until], by end, then version. */
  read(id: SeriesId, resolution: number, from: number, until: number): Promise<Chunk[]>;
  /**
   * Many reads in one round trip (a render's series); answers in the order of `reads`. A store
   * that copies values out of its own memory copies them into `copies` when given (a request's
   * memory, given back once the request is answered: the caller drops the chunks by then).
   */
  readMany(reads: readonly ChunkRead[], copies?: ChunkCopies): Promise<Chunk[][]>;
  /** Idempotent by (id, resolution, end, writer): writing a chunk again replaces that writer's chunk. */
  write(chunks: readonly StoredChunk[]): Promise<void>;
  /** Every chunk of the series, at every resolution, of every writer. */
  delete(id: SeriesId): Promise<void>;
  /**
   * Removes chunks whose `end + ttl` is before `now`; returns how many. Absent when the store
   * expires chunks by itself (Cassandra's TTL).
   */
  expire?(now: number): Promise<number>;
  close(): Promise<void>;
}

/** What the engine must remember of a series across restarts: its name and its schema. */
export interface SeriesRecord {
  readonly id: SeriesId;
  readonly metric: MetricName;
  readonly schema: StorageSchema;
  /**
   * Engine time (unix seconds) of the series' last accepted point, as last persisted: kept
   * coarse (the engine rewrites it when it is more than a granularity behind), for the
   * removal of series that have had no point for longer than their longest retention.
   */
  readonly lastWrite?: number;
}

/** A series' last accepted point, for `SeriesRegistry.touch`. */
export interface SeriesActivity {
  readonly id: SeriesId;
  readonly lastWrite: number;
}

/**
 * Series metadata, persisted beside the chunks (same backend). Looked up by id (the hash of
 * the name) on demand: start-up reads none of it.
 */
export interface SeriesRegistry {
  get(id: SeriesId): Promise<SeriesRecord | undefined>;
  /** Many lookups in one round trip; answers in the order of `ids`. */
  getMany(ids: readonly SeriesId[]): Promise<Array<SeriesRecord | undefined>>;
  /** Writes records (lastWrite included when given); idempotent. */
  put(records: readonly SeriesRecord[]): Promise<void>;
  /** Updates the last-write time of known series; unknown ids are ignored. */
  touch(activity: readonly SeriesActivity[]): Promise<void>;
  delete(id: SeriesId): Promise<void>;
  /**
   * Records whose lastWrite is before `before`, oldest first (then by id), at most `limit` of
   * them, after the record `after` when given (the last one of the previous page): the
   * candidates for removal as dead series.
   */
  idle(before: number, limit: number, after?: SeriesActivity): Promise<SeriesRecord[]>;
  /** Every record (tools and tests; the engine never loads them all). */
  all(): AsyncIterable<SeriesRecord>;
}
