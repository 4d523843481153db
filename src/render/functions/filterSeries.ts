import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';
import { FILTER_OPERATORS, filterByAggregate } from './lib/series-filter.js';

export const filterSeries = defineFunction({
  name: 'filterSeries',
  group: 'Filter Series',
  description: `Keeps the series for which one aggregate of their values (\`func\`: average,
max, last, ...) compares with \`threshold\` by \`operator\` (\`=\`, \`!=\`, \`>\`, \`>=\`, \`<\`,
\`<=\`). A series without any value counts as passing \`!=\`, \`<\` and \`<=\` only.

.. code-block:: none

  &target=filterSeries(hosts.*.nic.eth0.tx_packets,"max",">",1000)`,
  params: [
    SERIES_LIST,
    param.aggFunc('func', { required: true }),
    param.string('operator', { required: true, options: FILTER_OPERATORS }),
    param.float('threshold', { required: true }),
  ],
  run: (ctx, { seriesList, func, operator, threshold }) => filterByAggregate(ctx, seriesList, func, operator, threshold),
});
