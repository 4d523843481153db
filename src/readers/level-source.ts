import type { RawBuckets, RollupBuckets } from '../series/buckets.js';
import type { MetricName, StorageSchema } from '../series/types.js';

/** A stored series as the read path sees it. */
export interface SourceSeries {
  readonly metric: MetricName;
  /** display name: the path, or `name;k=v;...` with tags sorted */
  readonly name: string;
  readonly schema: StorageSchema;
}

/**
 * Where a read gets a series' buckets at one resolution, stored and hot merged (hot wins,
 * and a rollup resolution includes what its unflushed finer data rolls up to). The storage
 * engine implements it; `from` and `until` (exclusive) are multiples of the resolution's step.
 */
export interface LevelSource {
  lookup(name: string): SourceSeries | undefined;
  /** the finest resolution (level 0), one value per bucket */
  readRaw(series: SourceSeries, from: number, until: number): Promise<RawBuckets>;
  /** a rollup resolution (level >= 1) */
  readRollup(series: SourceSeries, level: number, from: number, until: number): Promise<RollupBuckets>;
}
