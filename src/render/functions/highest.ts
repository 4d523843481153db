import { rankByFunction } from './lib/rank-by-function.js';

export const highest = rankByFunction(
  'highest',
  `Keeps the n series with the highest aggregate over the range (\`func\`, the average unless
given: max, last, sum, ...), in that order. Series without any value rank last.

.. code-block:: none

  &target=highest(hosts.*.threads.busy,5,"max")`,
);
