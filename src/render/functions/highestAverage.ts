import { rankFunction } from './lib/rank-function.js';

export const highestAverage = rankFunction(
  'highestAverage',
  'highest',
  'average',
  `Keeps the n series with the highest average over the range, in that order.

.. code-block:: none

  &target=highestAverage(hosts.*.cpu.user,5)`,
);
