import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { aggregateWithWildcards as byWildcards } from './lib/aggregate-wildcards.js';
import { SERIES_LIST } from './lib/params.js';

export const aggregateWithWildcards = defineFunction({
  name: 'aggregateWithWildcards',
  group: 'Combine',
  description: `Groups the series whose names are the same once the nodes at the given positions
are left out, and combines each group with the named aggregation (any that \`aggregate\`
takes). Each result is named by its name without those nodes; groups come in the order their
first series comes. It is the counterpart of \`groupByNodes\`, which names the nodes to keep.

.. code-block:: none

  &target=aggregateWithWildcards(dc.*.hosts.*.cpu.user,"max",1,3)`,
  signature: 'aggregateWithWildcards(seriesList, func, *positions)',
  params: [SERIES_LIST, param.aggFunc('func', { required: true }), param.node('position', { multiple: true })],
  run: (ctx, { seriesList, func, position }) => byWildcards(ctx, seriesList, func, position),
});
