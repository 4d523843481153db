import { defineFunction, InputError, type CallRange, type EvalContext } from '../function-types.js';
import { param } from '../function-params.js';
import { wallClock, wallSeconds } from '../timezone.js';
import type { Series } from '../series.js';
import { seriesValues } from './lib/consolidate.js';
import { intervalSeconds } from './lib/interval-arg.js';
import { SERIES_LIST, SUMMARIZE_SUGGESTIONS } from './lib/params.js';
import { pyCopy } from './lib/series-ops.js';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

export const hitcount = defineFunction({
  name: 'hitcount',
  group: 'Transform',
  description: `Turns rates (hits per second) into hit counts per interval: each point counts
\`value * seconds\` for the seconds of its step, shared between the intervals its step overlaps,
so series of any resolution give the same counts. Buckets end at the end of the series; with
\`alignToInterval\` they start at a whole minute, hour or day instead (the data is read again
from there). An interval without any hit is null.

.. code-block:: none

  &target=hitcount(web.requests_per_second,"1h",true)`,
  params: [
    SERIES_LIST,
    param.interval('intervalString', { required: true, suggestions: SUMMARIZE_SUGGESTIONS }),
    param.boolean('alignToInterval', { default: false }),
  ],
  refetch({ intervalString, alignToInterval }, range) {
    return alignToInterval ? [{ startTime: alignedStart(range, intervalSeconds(intervalString, 'intervalString')), endTime: range.endTime }] : [];
  },
  run(ctx, { seriesList, intervalString, alignToInterval }, refetched) {
    const interval = intervalSeconds(intervalString, 'intervalString');
    // aligned, graphite-web drops what it had and counts over the data read from the aligned start
    const input = alignToInterval ? refetched[0] : seriesList;
    if (input.length > 0 && interval <= 0) throw new InputError(`hitcount: "intervalString" must be a positive interval, got ${JSON.stringify(intervalString)}`);
    const name = (s: Series) => `hitcount(${s.name}, "${intervalString}"${alignToInterval ? ', true' : ''})`;
    return input.map((s) => {
      // an aligned series ends a whole number of intervals after its start, and one more
      const counted = alignToInterval ? s.copy({ end: s.start + Math.floor((s.end - s.start) / interval) * interval + interval }) : s;
      return hitcountSeries(ctx, counted, interval, name(s), intervalString);
    });
  },
});

/** the start of the range truncated to its minute, hour or day (by the interval), at the same UTC offset */
function alignedStart(range: CallRange, interval: number): number {
  const t = range.startTime;
  if (interval < MINUTE) return t;
  const w = wallClock(range.tz, t);
  const offset = wallSeconds(w) - t;
  const truncated = {
    ...w,
    hour: interval >= DAY ? 0 : w.hour,
    minute: interval >= HOUR ? 0 : w.minute,
    second: 0,
  };
  return wallSeconds(truncated) - offset;
}

function hitcountSeries(ctx: EvalContext, s: Series, interval: number, name: string, intervalString: string): Series {
  const step = Math.trunc(s.step);
  const bucketCount = Math.max(0, Math.ceil((s.end - s.start) / interval));
  ctx.countPoints(bucketCount);
  const newStart = Math.trunc(s.end - bucketCount * interval);
  const sums = new Float64Array(bucketCount).fill(NaN);
  const add = (bucket: number, hits: number) => {
    const sum = sums[bucket];
    // Python's sum() starts from 0 and adds each share in turn
    sums[bucket] = (sum === sum ? sum : 0) + hits;
  };
  const values = seriesValues(s);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value !== value) continue;
    const startTime = Math.trunc(s.start + i * step);
    const startBucket = Math.floor((startTime - newStart) / interval);
    const startMod = startTime - newStart - startBucket * interval;
    const endTime = startTime + step;
    let endBucket = Math.floor((endTime - newStart) / interval);
    let endMod = endTime - newStart - endBucket * interval;
    if (endBucket >= bucketCount) {
      endBucket = bucketCount - 1;
      endMod = interval;
    }
    if (startBucket === endBucket) {
      if (startBucket >= 0) add(startBucket, value * (endMod - startMod));
    } else {
      if (startBucket >= 0) add(startBucket, value * (interval - startMod));
      const hitsPerBucket = value * interval;
      for (let j = startBucket + 1; j < endBucket; j++) add(j, hitsPerBucket);
      if (endMod > 0) add(endBucket, value * endMod);
    }
  }
  const out = pyCopy(s, { name, start: newStart, step: interval, values: sums, tags: { ...s.tags, hitcount: intervalString } });
  out.integral = s.integral;
  return out;
}
