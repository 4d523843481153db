import { pairwiseCombineFunction } from './lib/combine-function.js';

export const multiplySeriesLists = pairwiseCombineFunction(
  'multiplySeriesLists',
  'multiply',
  `Multiplies two lists of the same length pair by pair: the first series of each list together,
then the second ones, and so on, each named \`multiplySeries(<first>,<second>)\`. A null on
either side gives null; lists of different lengths are refused.

.. code-block:: none

  &target=multiplySeriesLists(hosts.*.requests.rate,hosts.*.requests.cost)`,
);
