import { defineFunction, type EvalContext } from '../function-types.js';
import { param } from '../function-params.js';
import type { Series } from '../series.js';
import { aggregate } from './lib/aggregate.js';
import { groupByAggKey, type NodeOrTag } from './lib/nodes.js';
import { SERIES_LIST } from './lib/params.js';

/**
 * Series grouped by the key their nodes make, each group combined by the callback and named by
 * its key. As in graphite-web, an aggregating render function of that name wins over an
 * aggregation of the same name (`sum` is sumSeries, `avg` averageSeries); its first series is
 * the group's.
 */
export async function groupByNodesOf(ctx: EvalContext, seriesList: Series[], callback: string, nodes: NodeOrTag[]): Promise<Series[]> {
  const fn = ctx.seriesFunction(callback);
  const out: Series[] = [];
  for (const [key, list] of groupByAggKey(seriesList, nodes)) {
    const combined = fn?.aggregator ? (await fn.call([list]))[0] : (await aggregate(ctx, [list], callback))[0];
    out.push(combined.copy({ name: key }));
  }
  return out;
}

export const groupByNodes = defineFunction({
  name: 'groupByNodes',
  group: 'Combine',
  description: `Groups the series by the values of several nodes (or tags) of their names and
combines each group with the callback, an aggregation such as \`sum\` or \`max\` or an
aggregating function such as \`sumSeries\`. Each result is named by its nodes joined with dots.

.. code-block:: none

  &target=groupByNodes(dc.*.hosts.*.cpu.user,"average",1,4)`,
  params: [SERIES_LIST, param.aggOrSeriesFunc('callback', { required: true }), param.nodeOrTag('nodes', { multiple: true })],
  run: (ctx, { seriesList, callback, nodes }) => groupByNodesOf(ctx, seriesList, callback, nodes),
});

