import { thresholdFilterFunction } from './lib/threshold-filter-function.js';

export const minimumAbove = thresholdFilterFunction(
  'minimumAbove',
  'min',
  '>',
  `Keeps the series whose smallest value is above n.

.. code-block:: none

  &target=minimumAbove(hosts.*.disk.free_pct,20)`,
);
