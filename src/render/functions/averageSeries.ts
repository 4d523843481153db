import type { RenderFunction } from '../function-types.js';
import { aggregate } from './lib/aggregate.js';
import { seriesListsArg } from './lib/args.js';
import { SERIES_LISTS } from './lib/params.js';

const description = `Averages the series point by point over the inputs that have a value
there (short form: \`avg\`); nulls are left out of both the sum and the count.

.. code-block:: none

  &target=averageSeries(hosts.*.cpu.user)`;

function make(name: string): RenderFunction {
  return {
    name,
    group: 'Combine',
    description,
    params: [SERIES_LISTS],
    run: (ctx, args) => aggregate(ctx, seriesListsArg(args, 'seriesLists'), 'average'),
  };
}

export const averageSeries = make('averageSeries');
export const avg = make('avg');
