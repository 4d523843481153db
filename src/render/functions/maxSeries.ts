import { combineFunction } from './lib/combine-function.js';

export const maxSeries = combineFunction(
  'maxSeries',
  'max',
  `Keeps, at each point, the maximum value among the series that have one there.

.. code-block:: none

  &target=maxSeries(hosts.*.disk.free)`,
);
