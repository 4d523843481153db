import { thresholdFilterFunction } from './lib/threshold-filter-function.js';

export const averageBelow = thresholdFilterFunction(
  'averageBelow',
  'average',
  '<=',
  `Keeps the series whose average over the range is at most n (and those without any value).

.. code-block:: none

  &target=averageBelow(hosts.*.threads.busy,25)`,
);
