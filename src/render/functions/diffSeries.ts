import { combineFunction } from './lib/combine-function.js';

export const diffSeries = combineFunction(
  'diffSeries',
  'diff',
  `Subtracts every following series from the first, point by point; nulls are
skipped, so the first value present plays the part of the first series. To subtract a
constant, use \`offset\`.

.. code-block:: none

  &target=diffSeries(pool.connections.open,pool.connections.idle)`,
);
