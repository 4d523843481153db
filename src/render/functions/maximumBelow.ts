import { thresholdFilterFunction } from './lib/threshold-filter-function.js';

export const maximumBelow = thresholdFilterFunction(
  'maximumBelow',
  'max',
  '<=',
  `Keeps the series whose largest value is at most n (and those without any value).

.. code-block:: none

  &target=maximumBelow(hosts.*.nic.eth0.tx_packets,1000)`,
);
