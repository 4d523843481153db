import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { type IntervalUnit, intervalUnit } from '../interval.js';
import { bucketSeconds } from './lib/interval-arg.js';
import { SERIES_LIST, SUMMARIZE_SUGGESTIONS } from './lib/params.js';
import { getAggFunc } from './lib/safe.js';
import { pyCopy } from './lib/series-ops.js';
import { summarizeValues } from './lib/summarize-values.js';
import { utcOffset, wallClock, wallSeconds } from '../timezone.js';
import { mapPaced } from './lib/paced.js';

/**
 * The request start moved back to the beginning of its year, month, week, day, hour or
 * minute. Like graphite-web (a pytz quirk), the wall clock is read and rebuilt with the UTC
 * offset in force at the original start.
 */
export function alignStart(start: number, alignTo: string, tz: string): number {
  const unit: IntervalUnit | null = intervalUnit(alignTo);
  if (unit === null) throw new InputError(`Invalid offset unit '${alignTo}'`);
  const offset = utcOffset(tz, start);
  const w = wallClock(tz, start);
  const instantAt = (month: number, day: number, hour = 0, minute = 0, second = 0) => wallSeconds({ year: w.year, month, day, hour, minute, second }) - offset;
  switch (unit) {
    case 'years':
      return instantAt(1, 1);
    case 'months':
      return instantAt(w.month, 1);
    case 'weeks': {
      const last = alignTo[alignTo.length - 1];
      const weekday = /[A-Za-z]/.test(last) ? 1 : Number(last);
      const isoWeekday = w.weekday === 0 ? 7 : w.weekday;
      let back = isoWeekday - weekday;
      if (back < 0) back += 7;
      return instantAt(w.month, w.day) - back * 86400;
    }
    case 'days':
      return instantAt(w.month, w.day);
    case 'hours':
      return instantAt(w.month, w.day, w.hour);
    case 'minutes':
      return instantAt(w.month, w.day, w.hour, w.minute);
    case 'seconds':
      return instantAt(w.month, w.day, w.hour, w.minute, w.second);
  }
}

export const smartSummarize = defineFunction({
  name: 'smartSummarize',
  group: 'Transform',
  description: `Like \`summarize\`, but buckets start at the series' start. With \`alignTo\` (a unit:
\`years\`, \`months\`, \`weeks\`, \`days\`, \`hours\`, \`minutes\`, \`seconds\`), the request start is
first moved back to the beginning of that unit and the data fetched again, so buckets fall on
calendar boundaries.

.. code-block:: none

  &target=smartSummarize(orders.count,"1d","sum","days")`,
  params: [
    SERIES_LIST,
    param.interval('intervalString', { required: true, suggestions: SUMMARIZE_SUGGESTIONS }),
    param.aggFunc('func', { default: 'sum' }),
    param.string('alignTo', { options: [null, 'years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', true, false] }),
  ],
  // alignTo moves the start back to the unit and reads the input again from there
  refetch: ({ alignTo }, range) => (typeof alignTo === 'string' ? [{ startTime: alignStart(range.startTime, alignTo, range.tz), endTime: range.endTime }] : []),
  run(ctx, { seriesList: input, intervalString, func, alignTo }, refetched) {
    const interval = bucketSeconds(intervalString, 'intervalString');
    const agg = getAggFunc(func);
    // true and false are the retired alignToFrom, accepted and ignored
    const seriesList = typeof alignTo === 'string' ? refetched[0] : input;
    return mapPaced(ctx, seriesList, (s) => {
      const { values, alignedEnd } = summarizeValues(s, agg, interval);
      const name = `smartSummarize(${s.name}, "${intervalString}", "${func}")`;
      const tags = { ...s.tags, smartSummarize: intervalString, smartSummarizeFunction: func };
      return pyCopy(s, { name, end: alignedEnd, step: interval, values, tags });
    });
  },
});
