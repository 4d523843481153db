import { wildcardsCombineFunction } from './lib/combine-function.js';

export const averageSeriesWithWildcards = wildcardsCombineFunction(
  'averageSeriesWithWildcards',
  'average',
  `Averages the series whose names are the same once the nodes at the given positions are left
out, point by point over those with a value there, and names each average by that shortened
name. The nodes are removed from the series found, not from the pattern.

.. code-block:: none

  &target=averageSeriesWithWildcards(hosts.*.cpu.{user,system},1)

gives \`hosts.cpu.user\` and \`hosts.cpu.system\`, each averaged over the hosts.`,
);
