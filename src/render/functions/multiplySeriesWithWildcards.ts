import { wildcardsCombineFunction } from './lib/combine-function.js';

export const multiplySeriesWithWildcards = wildcardsCombineFunction(
  'multiplySeriesWithWildcards',
  'multiply',
  `Multiplies the series whose names are the same once the nodes at the given positions are left
out, point by point (null where any factor is null), and names each product by that shortened
name. The nodes are removed from the series found, not from the pattern.

.. code-block:: none

  &target=multiplySeriesWithWildcards(hosts.*.{rate,cost},2)

gives \`hosts.<host>\` for each host, its rate times its cost.`,
);
