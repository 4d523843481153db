import { defineFunction } from '../function-types.js';
import { bucketSeconds } from './lib/interval-arg.js';
import { pyMod } from '../../lib/python-math.js';
import { param } from '../function-params.js';
import { SERIES_LIST, SUMMARIZE_SUGGESTIONS } from './lib/params.js';
import { getAggFunc } from './lib/safe.js';
import { pyCopy } from './lib/series-ops.js';
import { summarizeValues } from './lib/summarize-values.js';
import { mapPaced } from './lib/paced.js';

export const summarize = defineFunction({
  name: 'summarize',
  group: 'Transform',
  description: `Cuts each series into buckets of a fixed interval and reduces each bucket to one
value with \`func\` (\`sum\` unless given; \`average\` suits gauges). Buckets line up with
multiples of the interval since the epoch, unless \`alignToFrom\` is true: then they start at the
series' start.

.. code-block:: none

  &target=summarize(orders.count,"1h","sum")`,
  params: [
    SERIES_LIST,
    param.interval('intervalString', { required: true, suggestions: SUMMARIZE_SUGGESTIONS }),
    param.aggFunc('func', { default: 'sum' }),
    param.boolean('alignToFrom', { default: false }),
  ],
  run(ctx, { seriesList, intervalString, func, alignToFrom }) {
    const interval = bucketSeconds(intervalString, 'intervalString');
    const agg = getAggFunc(func);
    return mapPaced(ctx, seriesList, (s) => {
      let newStart: number;
      let newEnd: number;
      if (alignToFrom) {
        newStart = s.start;
        newEnd = s.end;
      } else {
        newStart = s.start - pyMod(s.start, interval);
        newEnd = s.end - pyMod(s.end, interval) + interval;
      }
      const { values, alignedEnd } = summarizeValues(s, agg, interval, newStart, newEnd);
      if (alignToFrom) newEnd = alignedEnd;
      const name = `summarize(${s.name}, "${intervalString}", "${func}"${alignToFrom ? ', true' : ''})`;
      const tags = { ...s.tags, summarize: intervalString, summarizeFunction: func };
      return pyCopy(s, { name, start: newStart, end: newEnd, step: interval, values, tags });
    });
  },
});
