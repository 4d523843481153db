import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { movingWindow, movingWindowRange } from './lib/moving-window.js';
import { INT_OR_INTERVAL_SUGGESTIONS, SERIES_LIST } from './lib/params.js';

export const movingAverage = defineFunction({
  name: 'movingAverage',
  group: 'Calculate',
  description: `The average over a sliding window before each point: a number of points, or an
interval string such as \`"5min"\`. Data from before the requested range is fetched so the
first points have a full window. \`xFilesFactor\` sets the share of the window that must be
non-null.

.. code-block:: none

  &target=movingAverage(hosts.web01.load,"10min")`,
  params: [
    SERIES_LIST,
    param.intOrInterval('windowSize', { required: true, suggestions: INT_OR_INTERVAL_SUGGESTIONS }),
    param.float('xFilesFactor'),
  ],
  refetch: movingWindowRange,
  run: (ctx, { seriesList, windowSize, xFilesFactor }, [preview]) => movingWindow(ctx, seriesList, preview, windowSize, 'average', xFilesFactor),
});
