import type { RawBuckets, RollupBuckets } from '../../series/buckets.js';
import type { MetricName, StorageSchema } from '../../series/types.js';
import type { ValueBuffers } from '../../lib/value-pool.js';

/** A stored series as the read path sees it. */
export interface SourceSeries {
  readonly metric: MetricName;
  /** display name: the path, or `name;k=v;...` with tags sorted */
  readonly name: string;
  readonly schema: StorageSchema;
}

/** One read of a series at one resolution over [from, until). */
export interface SourceRead {
  readonly series: SourceSeries;
  /** 0: the finest resolution (raw values); >= 1: a rollup resolution */
  readonly level: number;
  readonly from: number;
  readonly until: number;
}

/**
 * Where a read gets a series' buckets at one resolution, stored and hot merged (hot wins,
 * and a rollup resolution includes what its unflushed finer data rolls up to). The storage
 * engine implements it; `from` and `until` (exclusive) are multiples of the resolution's step.
 * Lookups are asynchronous: a series not in memory is looked up in the series registry.
 */
export interface LevelSource {
  lookup(name: string): Promise<SourceSeries | undefined>;
  /** lookup() of many names in one registry round trip; answers in order */
  lookupMany(names: readonly string[]): Promise<Array<SourceSeries | undefined>>;
  /** the finest resolution (level 0), one value per bucket */
  readRaw(series: SourceSeries, from: number, until: number): Promise<RawBuckets>;
  /** a rollup resolution (level >= 1) */
  readRollup(series: SourceSeries, level: number, from: number, until: number): Promise<RollupBuckets>;
  /**
   * many reads with one store round trip; answers in order (RawBuckets for level 0, their
   * values taken from `buffers` when given)
   */
  readMany(reads: readonly SourceRead[], buffers?: ValueBuffers): Promise<Array<RawBuckets | RollupBuckets>>;
}
