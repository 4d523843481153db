import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { aggregate as aggregateLists } from './lib/aggregate.js';
import { SERIES_LIST } from './lib/params.js';

export const aggregate = defineFunction({
  name: 'aggregate',
  group: 'Combine',
  description: `Combines every series of the list into one, point by point, with the named
aggregation: \`average\` (\`avg\`), \`avg_zero\`, \`median\`, \`sum\` (\`total\`), \`min\`, \`max\`,
\`diff\`, \`stddev\`, \`count\`, \`range\` (\`rangeOf\`), \`multiply\` or \`last\` (\`current\`); the
older \`<name>Series\` spelling is accepted too. The result is named \`<name>Series(...)\`, as the
matching combiner (\`sumSeries\`, ...) names it. A point is null when the share of inputs with a
value there is below \`xFilesFactor\` (the request's when not given).

.. code-block:: none

  &target=aggregate(hosts.*.requests.count,"max")`,
  params: [SERIES_LIST, param.aggFunc('func', { required: true }), param.float('xFilesFactor')],
  run: (ctx, { seriesList, func, xFilesFactor }) => aggregateLists(ctx, [seriesList], func, xFilesFactor),
});
