import { thresholdFilterFunction } from './lib/threshold-filter-function.js';

export const averageAbove = thresholdFilterFunction(
  'averageAbove',
  'average',
  '>',
  `Keeps the series whose average over the range is above n.

.. code-block:: none

  &target=averageAbove(hosts.*.threads.busy,25)`,
);
