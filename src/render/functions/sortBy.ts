import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';
import { sortByAggregate } from './lib/rank.js';
import { getAggFunc } from './lib/safe.js';

export const sortBy = defineFunction({
  name: 'sortBy',
  group: 'Sorting',
  description: `Orders the series by one aggregate of their points over the range (\`average\`
unless given: \`max\`, \`sum\`, \`last\`, ...), lowest first, or highest first with \`reverse\`.
A series without any value sorts as the lowest; ties keep their order.

.. code-block:: none

  &target=sortBy(hosts.*.cpu.busy,"max",true)`,
  params: [SERIES_LIST, param.aggFunc('func', { default: 'average' }), param.boolean('reverse', { default: false })],
  run: (ctx, { seriesList, func, reverse }) => sortByAggregate(ctx, seriesList, getAggFunc(func), reverse),
});
