import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import type { ConsolidationFunc, Series } from '../series.js';
import { SERIES_LIST } from './lib/params.js';

export const consolidateBy = defineFunction({
  name: 'consolidateBy',
  group: 'Special',
  description: `Chooses how points are merged when a series has to be shown with fewer points
than it has (maxDataPoints, or combining series of different steps): \`average\` (the default),
\`avg_zero\`, \`sum\`, \`min\`, \`max\`, \`first\` or \`last\`.

.. code-block:: none

  &target=consolidateBy(orders.count,"sum")`,
  params: [
    SERIES_LIST,
    param.string('consolidationFunc', { required: true, options: ['sum', 'average', 'avg', 'avg_zero', 'min', 'max', 'first', 'last'] }),
  ],
  run: (_ctx, { seriesList, consolidationFunc }) => consolidateSeriesBy(seriesList, consolidationFunc),
});

/** The series renamed and tagged `consolidateBy`, consolidated by `func` from now on (cumulative's too). */
export function consolidateSeriesBy(seriesList: readonly Series[], func: ConsolidationFunc): Series[] {
  return seriesList.map((s) => {
    const name = `consolidateBy(${s.name},"${func}")`;
    return s.copy({ name, pathExpression: name, consolidationFunc: func, tags: { ...s.tags, consolidateBy: func } });
  });
}
