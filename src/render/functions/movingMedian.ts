import { movingFunction } from './lib/moving-function.js';

export const movingMedian = movingFunction(
  'movingMedian',
  'median',
  `The median over a sliding window before each point: a number of points, or an interval
string such as \`"5min"\`. Data from before the requested range is fetched so the first points
have a full window. \`xFilesFactor\` sets the share of the window that must be non-null.

.. code-block:: none

  &target=movingMedian(hosts.web01.requests,10)
  &target=movingMedian(hosts.*.errors,"5min")`,
);
