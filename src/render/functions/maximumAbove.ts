import { thresholdFilterFunction } from './lib/threshold-filter-function.js';

export const maximumAbove = thresholdFilterFunction(
  'maximumAbove',
  'max',
  '>',
  `Keeps the series whose largest value is above n.

.. code-block:: none

  &target=maximumAbove(hosts.*.nic.eth0.tx_packets,1000)`,
);
