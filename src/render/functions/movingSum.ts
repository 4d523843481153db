import type { RenderFunction } from '../function-types.js';
import { intOrIntervalArg, optionalNumberArg, seriesListArg } from './lib/args.js';
import { movingWindow } from './lib/moving-window.js';
import { INT_OR_INTERVAL_SUGGESTIONS, SERIES_LIST } from './lib/params.js';

export const movingSum: RenderFunction = {
  name: 'movingSum',
  group: 'Calculate',
  description: `The sum over a sliding window before each point: a number of points, or an
interval string such as \`"1h"\`. Data from before the requested range is fetched so the first
points have a full window.

.. code-block:: none

  &target=movingSum(shop.orders,"1h")`,
  params: [
    SERIES_LIST,
    { name: 'windowSize', type: 'intOrInterval', required: true, suggestions: INT_OR_INTERVAL_SUGGESTIONS },
    { name: 'xFilesFactor', type: 'float' },
  ],
  run: (ctx, args) => movingWindow(ctx, seriesListArg(args, 'seriesList'), intOrIntervalArg(args, 'windowSize'), 'sum', optionalNumberArg(args, 'xFilesFactor')),
};
