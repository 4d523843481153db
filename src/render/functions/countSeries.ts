import { defineFunction, type RequestContext } from '../function-types.js';
import { param } from '../function-params.js';
import { Series } from '../series.js';
import { constantLineSeries } from './constantLine.js';
import { normalize } from './lib/normalize.js';
import { formatPathExpressions } from './lib/path-expressions.js';

export function countSeriesOf(ctx: RequestContext, seriesLists: Series[][]): Series[] {
  if (seriesLists.length === 0) {
    const line = constantLineSeries(ctx, 0, true);
    line.pathExpression = 'countSeries()';
    return [line];
  }
  const n = normalize(seriesLists);
  if (n === null) return [];
  const name = `countSeries(${formatPathExpressions(n.series)})`;
  let len = 0;
  for (const v of n.values) len = Math.max(len, v.length);
  const values = new Float64Array(len).fill(n.series.length);
  return [new Series(name, n.start, n.end, n.step, values, { xFilesFactor: ctx.xFilesFactor, integral: true })];
}

export const countSeries = defineFunction({
  name: 'countSeries',
  group: 'Combine',
  aggregator: true,
  description: `A flat line at the number of series given. With no argument at all, a line at 0.

.. code-block:: none

  &target=countSeries(hosts.*.up)`,
  params: [param.seriesList('seriesLists', { multiple: true })],
  run: (ctx, { seriesLists }) => countSeriesOf(ctx, seriesLists),
});
