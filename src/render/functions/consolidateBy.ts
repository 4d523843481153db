import { InputError, type RenderFunction } from '../function-types.js';
import { CONSOLIDATION_FUNCS, type ConsolidationFunc } from '../series.js';
import { seriesListArg, stringArg } from './lib/args.js';
import { SERIES_LIST } from './lib/params.js';

export const consolidateBy: RenderFunction = {
  name: 'consolidateBy',
  group: 'Special',
  description: `Chooses how points are merged when a series has to be shown with fewer points
than it has (maxDataPoints, or combining series of different steps): \`average\` (the default),
\`avg_zero\`, \`sum\`, \`min\`, \`max\`, \`first\` or \`last\`.

.. code-block:: none

  &target=consolidateBy(orders.count,"sum")`,
  params: [
    SERIES_LIST,
    { name: 'consolidationFunc', type: 'string', required: true, options: ['sum', 'average', 'avg', 'avg_zero', 'min', 'max', 'first', 'last'] },
  ],
  run(_ctx, args) {
    const func = stringArg(args, 'consolidationFunc');
    if (!(CONSOLIDATION_FUNCS as readonly string[]).includes(func)) throw new InputError(`Invalid consolidation function: '${func}'`);
    return seriesListArg(args, 'seriesList').map((s) => {
      const name = `consolidateBy(${s.name},"${func}")`;
      return s.copy({ name, pathExpression: name, consolidationFunc: func as ConsolidationFunc, tags: { ...s.tags, consolidateBy: func } });
    });
  },
};
