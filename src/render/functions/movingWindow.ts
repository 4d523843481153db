import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { movingWindow as moving, movingWindowRange } from './lib/moving-window.js';
import { INT_OR_INTERVAL_SUGGESTIONS, SERIES_LIST } from './lib/params.js';

export const movingWindow = defineFunction({
  name: 'movingWindow',
  group: 'Calculate',
  description: `Applies an aggregation (\`average\` unless \`func\` names another: \`median\`,
\`sum\`, \`min\`, \`max\`, \`stddev\`, ...) to a sliding window before each point. The window is a
number of points or an interval string such as \`"5min"\`; data from before the requested range
is fetched so the first points have a full window. \`xFilesFactor\` is the share of the window
that must be non-null for a point to have a value. The series is named after the aggregation:
\`movingMedian(...)\`, \`movingMax(...)\`.

.. code-block:: none

  &target=movingWindow(hosts.web01.load,10)
  &target=movingWindow(hosts.*.load,"5min","median",0.5)`,
  params: [
    SERIES_LIST,
    param.intOrInterval('windowSize', { required: true, suggestions: INT_OR_INTERVAL_SUGGESTIONS }),
    param.aggFunc('func', { default: 'average' }),
    param.float('xFilesFactor'),
  ],
  refetch: movingWindowRange,
  run: (ctx, { seriesList, windowSize, func, xFilesFactor }, [preview]) => moving(ctx, seriesList, preview, windowSize, func, xFilesFactor),
});
