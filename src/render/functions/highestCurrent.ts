import { rankFunction } from './lib/rank-function.js';

export const highestCurrent = rankFunction(
  'highestCurrent',
  'highest',
  'current',
  `Keeps the n series whose last non-null value is highest, in that order.

.. code-block:: none

  &target=highestCurrent(hosts.*.cpu.user,5)`,
);
