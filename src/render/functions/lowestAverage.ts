import { rankFunction } from './lib/rank-function.js';

export const lowestAverage = rankFunction(
  'lowestAverage',
  'lowest',
  'average',
  `Keeps the n series with the lowest average over the range, in that order.

.. code-block:: none

  &target=lowestAverage(hosts.*.cpu.user,5)`,
);
