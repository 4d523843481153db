import { rankFunction } from './lib/rank-function.js';

export const lowestCurrent = rankFunction(
  'lowestCurrent',
  'lowest',
  'current',
  `Keeps the n series whose last non-null value is lowest, in that order (series without any
value first).

.. code-block:: none

  &target=lowestCurrent(hosts.*.threads.busy,5)`,
);
