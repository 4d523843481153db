import type { RenderFunction } from '../function-types.js';
import { intOrIntervalArg, optionalNumberArg, seriesListArg } from './lib/args.js';
import { movingWindow } from './lib/moving-window.js';
import { INT_OR_INTERVAL_SUGGESTIONS, SERIES_LIST } from './lib/params.js';

export const movingAverage: RenderFunction = {
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
    { name: 'windowSize', type: 'intOrInterval', required: true, suggestions: INT_OR_INTERVAL_SUGGESTIONS },
    { name: 'xFilesFactor', type: 'float' },
  ],
  run: (ctx, args) => movingWindow(ctx, seriesListArg(args, 'seriesList'), intOrIntervalArg(args, 'windowSize'), 'average', optionalNumberArg(args, 'xFilesFactor')),
};
