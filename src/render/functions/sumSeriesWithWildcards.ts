import { wildcardsCombineFunction } from './lib/combine-function.js';

export const sumSeriesWithWildcards = wildcardsCombineFunction(
  'sumSeriesWithWildcards',
  'sum',
  `Adds up the series whose names are the same once the nodes at the given positions are left
out, point by point with nulls skipped, and names each sum by that shortened name. The nodes
are removed from the series found, not from the pattern.

.. code-block:: none

  &target=sumSeriesWithWildcards(dc.*.hosts.*.requests,1,3)

gives one \`dc.hosts.requests\` series, the sum over every data centre and host.`,
);
