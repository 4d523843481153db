import { pairwiseCombineFunction } from './lib/combine-function.js';

export const sumSeriesLists = pairwiseCombineFunction(
  'sumSeriesLists',
  'sum',
  `Adds two lists of the same length pair by pair: the first series of each list together, then
the second ones, and so on, each named \`sumSeries(<first>,<second>)\`. Nulls are skipped;
lists of different lengths are refused.

.. code-block:: none

  &target=sumSeriesLists(hosts.*.rx_bytes,hosts.*.tx_bytes)`,
);
