import { thresholdFilterFunction } from './lib/threshold-filter-function.js';

export const minimumBelow = thresholdFilterFunction(
  'minimumBelow',
  'min',
  '<=',
  `Keeps the series whose smallest value is at most n (and those without any value).

.. code-block:: none

  &target=minimumBelow(hosts.*.disk.free_pct,5)`,
);
