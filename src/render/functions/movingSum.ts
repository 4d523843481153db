import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { movingWindow, movingWindowRange } from './lib/moving-window.js';
import { INT_OR_INTERVAL_SUGGESTIONS, SERIES_LIST } from './lib/params.js';

export const movingSum = defineFunction({
  name: 'movingSum',
  group: 'Calculate',
  description: `The sum over a sliding window before each point: a number of points, or an
interval string such as \`"1h"\`. Data from before the requested range is fetched so the first
points have a full window.

.. code-block:: none

  &target=movingSum(shop.orders,"1h")`,
  params: [
    SERIES_LIST,
    param.intOrInterval('windowSize', { required: true, suggestions: INT_OR_INTERVAL_SUGGESTIONS }),
    param.float('xFilesFactor'),
  ],
  refetch: movingWindowRange,
  run: (ctx, { seriesList, windowSize, xFilesFactor }, [preview]) => movingWindow(ctx, seriesList, preview, windowSize, 'sum', xFilesFactor),
});
