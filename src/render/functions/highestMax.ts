import { rankFunction } from './lib/rank-function.js';

export const highestMax = rankFunction(
  'highestMax',
  'highest',
  'max',
  `Keeps the n series whose largest value over the range is highest, in that order.

.. code-block:: none

  &target=highestMax(hosts.*.cpu.user,5)`,
);
