import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { aggregatePairs } from './lib/aggregate-pairs.js';

export const aggregateSeriesLists = defineFunction({
  name: 'aggregateSeriesLists',
  group: 'Combine',
  description: `Combines two lists of the same length pair by pair: the first series of each list
together, then the second ones, and so on, each pair with the named aggregation (any that
\`aggregate\` takes), named \`<name>Series(<first>,<second>)\`. Lists of different lengths are
refused. A point is null when the share of the pair with a value there is below
\`xFilesFactor\` (the request's when not given).

.. code-block:: none

  &target=aggregateSeriesLists(dc1.hosts.*.load,dc2.hosts.*.load,"max")`,
  params: [
    param.seriesList('seriesListFirstPos', { required: true }),
    param.seriesList('seriesListSecondPos', { required: true }),
    param.aggFunc('func', { required: true }),
    param.float('xFilesFactor'),
  ],
  run: (ctx, { seriesListFirstPos, seriesListSecondPos, func, xFilesFactor }) => aggregatePairs(ctx, seriesListFirstPos, seriesListSecondPos, func, xFilesFactor),
});
