import { combineFunction } from './lib/combine-function.js';

export const rangeOfSeries = combineFunction(
  'rangeOfSeries',
  'rangeOf',
  `The spread of the series at each point: the largest value there minus the smallest, nulls
left out. Series of different steps are first brought to their least common step.

.. code-block:: none

  &target=rangeOfSeries(hosts.*.queue.depth)`,
);
