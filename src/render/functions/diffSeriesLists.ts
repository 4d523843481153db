import { pairwiseCombineFunction } from './lib/combine-function.js';

export const diffSeriesLists = pairwiseCombineFunction(
  'diffSeriesLists',
  'diff',
  `Subtracts, pair by pair, each series of the second list from the series at the same position
in the first, named \`diffSeries(<first>,<second>)\`. A null on either side leaves the other
value as it is; lists of different lengths are refused.

.. code-block:: none

  &target=diffSeriesLists(hosts.*.connections.opened,hosts.*.connections.closed)`,
);
