import { type RawBuckets, type RollupBuckets, rollupValues } from '../series/buckets.js';
import { pyMod } from '../lib/python-math.js';
import type { FetchedSeries, PlannedReads, ReadPacing, SeriesReader } from './series-reader.js';
import { BatchSizer, heldMs } from './batch-sizer.js';
import type { ValueBuffers } from '../lib/value-pool.js';
import type { LevelSource, SourceRead, SourceSeries } from '../engine/read/level-source.js';

/**
 * SeriesReader with the exact semantics of whisper's fetch as graphite-web calls it:
 * the range is clamped to [now - max retention, now], the finest resolution whose retention
 * covers `now - from` answers, points run from `from - from % step + step` to the bucket
 * holding `until` (exclusive end `until - until % step + step`, one step more when both are
 * equal). A range wholly in the future or wholly beyond the retention gives null, as whisper
 * returns None and graphite-web then leaves the series out.
 */
export class WhisperReader implements SeriesReader {
  /** batches of planned reads, sized by the time the reads before took */
  private readonly sizer = new BatchSizer();

  constructor(private readonly source: LevelSource) {}

  async fetch(name: string, from: number, until: number, now: number): Promise<FetchedSeries | null> {
    return (await this.fetchMany([name], from, until, now))[0];
  }

  async fetchMany(names: readonly string[], from: number, until: number, now: number): Promise<Array<FetchedSeries | null>> {
    return (await this.planMany(names, from, until, now)).read();
  }

  /** The series looked up (their schemas say the resolution and so the points), nothing read yet. */
  async planMany(names: readonly string[], from: number, until: number, now: number): Promise<PlannedReads> {
    const found = await this.source.lookupMany(names);
    const plans = found.map((series) => (series === undefined ? null : planRead(series, from, until, now)));
    let points = 0;
    for (const p of plans) if (p !== null) points += (p.until - p.from) / p.step;
    return {
      points,
      series: plans.map((p) => (p === null ? null : { start: p.from, end: p.until, step: p.step })),
      read: (pacing) => this.read(plans, pacing),
    };
  }

  /**
   * The planned series read in batches of about one slice of the event loop (BatchSizer), a
   * pause before each: decoding 40 series of 30 days (80 MB of buckets) is never one hold of
   * the loop, and with `pacing.shape` each batch's buckets are garbage before the next is read.
   */
  private async read(plans: ReadonlyArray<PlannedRead | null>, pacing: ReadPacing = {}): Promise<Array<FetchedSeries | null>> {
    const out: Array<FetchedSeries | null> = plans.map(() => null);
    const at: number[] = [];
    const weights: number[] = [];
    plans.forEach((p, i) => {
      if (p === null) return;
      at.push(i);
      weights.push(BatchSizer.weight((p.until - p.from) / p.step));
    });
    for (let k = 0; k < at.length; ) {
      await pacing.pause?.();
      const n = this.sizer.next(weights, k);
      const startedAt = performance.now();
      const loop = performance.eventLoopUtilization();
      const batch = at.slice(k, k + n).map((i) => plans[i]!);
      const buckets = await this.source.readMany(batch, pacing.buffers);
      let weight = 0;
      batch.forEach((p, j) => {
        const fetched = fetchedSeries(p, buckets[j], pacing.buffers);
        out[at[k + j]] = pacing.shape ? pacing.shape(fetched) : fetched;
        weight += weights[k + j];
      });
      this.sizer.took(weight, heldMs(startedAt, loop));
      k += n;
    }
    return out;
  }
}

type PlannedRead = SourceRead & { step: number };

/** One series' buckets as whisper's fetch answers them: a rollup resolution by its aggregation. */
function fetchedSeries(p: PlannedRead, b: RawBuckets | RollupBuckets, buffers: ValueBuffers | undefined): FetchedSeries {
  const { aggregation, xFilesFactor } = p.series.schema;
  let values: Float64Array;
  if (p.level === 0) values = (b as RawBuckets).values;
  else {
    values = buffers?.take(b.length) ?? new Float64Array(b.length);
    rollupValues(b as RollupBuckets, aggregation, values);
  }
  return {
    name: p.series.name,
    tags: { ...p.series.metric.tags, name: p.series.metric.name },
    aggregation,
    xFilesFactor,
    start: p.from,
    end: p.until,
    step: p.step,
    values,
  };
}

/** The resolution and aligned range whisper's fetch reads, or null when it returns None. */
function planRead(series: SourceSeries, from: number, until: number, now: number): PlannedRead | null {
  const { retentions } = series.schema;
  from = Math.floor(from);
  until = Math.floor(until);
  now = Math.floor(now);
  if (from > until) return null;
  const oldest = now - retentions[retentions.length - 1].retention;
  if (from > now || until < oldest) return null;
  if (from < oldest) from = oldest;
  if (until > now) until = now;

  const age = now - from;
  let level = retentions.findIndex((r) => r.retention >= age);
  if (level < 0) level = retentions.length - 1;
  const step = retentions[level].step;
  const start = from - pyMod(from, step) + step;
  let end = until - pyMod(until, step) + step;
  if (start === end) end += step;
  return { series, level, from: start, until: end, step };
}
