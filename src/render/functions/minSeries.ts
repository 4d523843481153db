import { combineFunction } from './lib/combine-function.js';

export const minSeries = combineFunction(
  'minSeries',
  'min',
  `Keeps, at each point, the minimum value among the series that have one there.

.. code-block:: none

  &target=minSeries(hosts.*.disk.free)`,
);
