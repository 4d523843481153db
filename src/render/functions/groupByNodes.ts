import type { EvalContext, ParamSpec, RenderFunction } from '../function-types.js';
import type { Series } from '../series.js';
import { aggregate } from './lib/aggregate.js';
import { nodesArg, seriesListArg, stringArg } from './lib/args.js';
import { groupByAggKey, type NodeOrTag } from './lib/nodes.js';
import { SERIES_LIST } from './lib/params.js';
import { sortOptions } from '../function-params.js';
import { AGG_FUNC_NAMES } from './lib/safe.js';
import { SERIES_CALLBACKS } from './lib/series-callbacks.js';

export const CALLBACK_OPTIONS: readonly string[] = sortOptions([...AGG_FUNC_NAMES, ...SERIES_CALLBACKS.keys()]);

export function callbackParam(extra: Partial<ParamSpec>): ParamSpec {
  return { name: 'callback', type: 'aggOrSeriesFunc', options: CALLBACK_OPTIONS, ...extra };
}

/** Series grouped by the key their nodes make, each group combined by the callback and named by its key. */
export function groupByNodesOf(ctx: EvalContext, seriesList: Series[], callback: string, nodes: NodeOrTag[]): Series[] {
  const seriesCallback = SERIES_CALLBACKS.get(callback);
  return [...groupByAggKey(seriesList, nodes)].map(([key, list]) => {
    const combined = seriesCallback ? seriesCallback(ctx, list)[0] : aggregate(ctx, [list], callback)[0];
    return combined.copy({ name: key });
  });
}

export const groupByNodes: RenderFunction = {
  name: 'groupByNodes',
  group: 'Combine',
  description: `Groups the series by the values of several nodes (or tags) of their names and
combines each group with the callback, an aggregation such as \`sum\` or \`max\` or an
aggregating function such as \`sumSeries\`. Each result is named by its nodes joined with dots.

.. code-block:: none

  &target=groupByNodes(dc.*.hosts.*.cpu.user,"average",1,4)`,
  params: [SERIES_LIST, callbackParam({ required: true }), { name: 'nodes', type: 'nodeOrTag', multiple: true }],
  run: (ctx, args) => groupByNodesOf(ctx, seriesListArg(args, 'seriesList'), stringArg(args, 'callback'), nodesArg(args, 'nodes')),
};
