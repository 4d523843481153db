import { rollupValues } from '../series/buckets.js';
import { pyMod } from '../lib/python-math.js';
import type { FetchedSeries, SeriesReader } from './series-reader.js';
import type { LevelSource } from './level-source.js';

/**
 * SeriesReader with the exact semantics of whisper's fetch as graphite-web calls it:
 * the range is clamped to [now - max retention, now], the finest resolution whose retention
 * covers `now - from` answers, points run from `from - from % step + step` to the bucket
 * holding `until` (exclusive end `until - until % step + step`, one step more when both are
 * equal). A range wholly in the future or wholly beyond the retention gives null, as whisper
 * returns None and graphite-web then leaves the series out.
 */
export class WhisperReader implements SeriesReader {
  constructor(private readonly source: LevelSource) {}

  async fetch(name: string, from: number, until: number, now: number): Promise<FetchedSeries | null> {
    const series = this.source.lookup(name);
    if (series === undefined) return null;
    const { retentions, aggregation, xFilesFactor } = series.schema;
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

    let values: Float64Array;
    if (level === 0) {
      values = (await this.source.readRaw(series, start, end)).values;
    } else {
      const buckets = await this.source.readRollup(series, level, start, end);
      values = new Float64Array(buckets.length);
      rollupValues(buckets, aggregation, values);
    }
    return {
      name: series.name,
      tags: { ...series.metric.tags, name: series.metric.name },
      aggregation,
      xFilesFactor,
      start,
      end,
      step,
      values,
    };
  }
}
