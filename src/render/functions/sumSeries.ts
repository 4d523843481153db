import type { RenderFunction } from '../function-types.js';
import { aggregate } from './lib/aggregate.js';
import { seriesListsArg } from './lib/args.js';
import { SERIES_LISTS } from './lib/params.js';

const description = `Adds the series together point by point (short form: \`sum\`). Nulls are
skipped, not counted as zero; a point is null when fewer inputs than the xFilesFactor asks for
have a value there. Series of different steps are first brought to their least common step.

.. code-block:: none

  &target=sumSeries(hosts.*.requests.count)`;

function make(name: string): RenderFunction {
  return {
    name,
    group: 'Combine',
    description,
    params: [SERIES_LISTS],
    run: (ctx, args) => aggregate(ctx, seriesListsArg(args, 'seriesLists'), 'sum'),
  };
}

export const sumSeries = make('sumSeries');
export const sum = make('sum');
