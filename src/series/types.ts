/**
 * The point and chunk model shared by every part of carbyne. This module knows nobody.
 *
 * Times are whole seconds since the epoch. A missing value is NaN in every Float64Array
 * (carbon drops `nan` on ingest, so a stored value is never NaN and NaN can mean "null").
 */

export type SeriesId = string;

/** A metric's identity: the dotted path and, for tagged series, its tags (never `name`). */
export interface MetricName {
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** How a rollup bucket (and runtime consolidation of a stored series) is reduced to one value. */
export const AGGREGATION_METHODS = ['average', 'sum', 'min', 'max', 'last', 'count'] as const;
export type AggregationMethod = (typeof AGGREGATION_METHODS)[number];

/** One resolution of a retention schema: `step` seconds per point, kept for `retention` seconds. */
export interface Retention {
  readonly step: number;
  readonly retention: number;
}

/** What a series is stored with, fixed when the series is first seen (as a whisper file's header). */
export interface StorageSchema {
  /** finest first; each step is a multiple of the previous one */
  readonly retentions: readonly Retention[];
  readonly aggregation: AggregationMethod;
  readonly xFilesFactor: number;
}

/** Chunk payload encodings (the `ptype` column); the format is src/series/codec's. */
export const ChunkEncoding = {
  /** timestamps in units of the step (delta or delta-of-delta, adaptive) and one value column (decimal or XOR) */
  Raw: 1,
  /** the same timestamps and five value columns per bucket: sum, min, max, last, count */
  Rollup: 2,
} as const;
export type ChunkEncoding = (typeof ChunkEncoding)[keyof typeof ChunkEncoding];

/**
 * A chunk as stored: the points of one series at one resolution inside one fixed,
 * epoch-aligned window [start, end). Keyed by (id, resolution, end).
 */
export interface Chunk {
  readonly id: SeriesId;
  /** step of the resolution, seconds */
  readonly resolution: number;
  /** first second of the window (inclusive) */
  readonly start: number;
  /** end of the window (exclusive) */
  readonly end: number;
  readonly encoding: ChunkEncoding;
  readonly data: Uint8Array;
  /**
   * Which process wrote it, when several write to one store ('' or absent: the single writer).
   * Part of the chunk's identity: writers never overwrite each other's chunks.
   */
  readonly writer?: string;
  /** When it was written (ms since the epoch; absent: 0): of two writers' points for one time, the newer chunk's wins. */
  readonly version?: number;
}

/** A rollup bucket: enough to answer every aggregation exactly. */
export interface RollupRecord {
  sum: number;
  min: number;
  max: number;
  last: number;
  count: number;
}

/**
 * Step-aligned values of one series, as whisper's fetch answers: `values[i]` is the point at
 * `start + i * step`; `end` is exclusive (`start + values.length * step`).
 */
export interface AlignedSeries {
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly values: Float64Array;
}
