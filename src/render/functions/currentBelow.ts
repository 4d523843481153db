import { thresholdFilterFunction } from './lib/threshold-filter-function.js';

export const currentBelow = thresholdFilterFunction(
  'currentBelow',
  'last',
  '<=',
  `Keeps the series whose last non-null value is at most n (and those without any value).

.. code-block:: none

  &target=currentBelow(hosts.*.threads.busy,3)`,
);
