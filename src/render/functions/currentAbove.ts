import { thresholdFilterFunction } from './lib/threshold-filter-function.js';

export const currentAbove = thresholdFilterFunction(
  'currentAbove',
  'last',
  '>',
  `Keeps the series whose last non-null value is above n.

.. code-block:: none

  &target=currentAbove(hosts.*.threads.busy,50)`,
);
