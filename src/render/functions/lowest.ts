import { rankByFunction } from './lib/rank-by-function.js';

export const lowest = rankByFunction(
  'lowest',
  `Keeps the n series with the lowest aggregate over the range (\`func\`, the average unless
given: min, last, sum, ...), in that order. Series without any value rank first.

.. code-block:: none

  &target=lowest(hosts.*.threads.busy,5,"min")`,
);
