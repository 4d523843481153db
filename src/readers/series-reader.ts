import type { AggregationMethod, AlignedSeries } from '../series/types.js';
import type { ValueBuffers } from '../lib/value-pool.js';

/** One stored series over a time range, aligned as whisper's fetch aligns it. */
export interface FetchedSeries extends AlignedSeries {
  /** graphite's name: the path, or `name;k=v;...` with tags sorted */
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
  /** the series' storage aggregation method (used when series of different steps are combined) */
  readonly aggregation: AggregationMethod;
  readonly xFilesFactor: number;
}

/**
 * Reads series over [from, until] as graphite-web reads a whisper file at `now`:
 * clamp `from` to the oldest retained point, choose the finest resolution whose retention
 * covers `now - from`, return points from `floor(from/step)*step + step` to the bucket holding
 * `until`, merging persisted chunks with hot ones (hot wins).
 */
export interface SeriesReader {
  /** `name` as the index returns it; null when no such series is stored */
  fetch(name: string, from: number, until: number, now: number): Promise<FetchedSeries | null>;
  /**
   * fetch() of many series over one range, in as few round trips to the store as it can (one
   * for a render's 2,000 series on a remote store); answers in the order of `names`.
   */
  fetchMany(names: readonly string[], from: number, until: number, now: number): Promise<Array<FetchedSeries | null>>;
  /**
   * fetchMany() in two steps: what the reads will return, known from the series' schemas
   * before any data is read (so a render can refuse a request over its points cap first), then
   * the reads. A reader without it is read with fetchMany and its points counted afterwards.
   */
  planMany?(names: readonly string[], from: number, until: number, now: number): Promise<PlannedReads>;
}

export interface PlannedReads {
  /** the points the reads will return, all series together */
  readonly points: number;
  /** each series' aligned range as its read will return it, in the order of the names (null: not read) */
  readonly series: ReadonlyArray<PlannedSeries | null>;
  /** the series, as fetchMany answers them */
  read(pacing?: ReadPacing): Promise<Array<FetchedSeries | null>>;
}

/** What a planned read will return of one series, known before it is read. */
export interface PlannedSeries {
  readonly start: number;
  readonly end: number;
  readonly step: number;
}

/**
 * How a planned read shares the event loop: a reader that decodes on this thread reads in
 * batches of about one slice of the loop (readers/batch-sizer.ts) and calls `pause` before each.
 */
export interface ReadPacing {
  /** lets other work run when the request's slice is spent; throws when the request is called off */
  pause?(): Promise<void>;
  /**
   * Applied to each series as soon as its batch is read, before the next batch: a render that
   * only consolidates what it reads (maxDataPoints) keeps the consolidated values, and the raw
   * ones are garbage at once instead of piling up until the answer is written.
   */
  shape?(series: FetchedSeries): FetchedSeries;
  /** where the series' values are taken from (the request's pooled arrays): new arrays without it */
  readonly buffers?: ValueBuffers;
}
