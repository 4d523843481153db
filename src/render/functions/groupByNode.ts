import type { RenderFunction } from '../function-types.js';
import { nodesArg, optionalStringArg, seriesListArg } from './lib/args.js';
import { SERIES_LIST } from './lib/params.js';
import { callbackParam, groupByNodesOf } from './groupByNodes.js';

export const groupByNode: RenderFunction = {
  name: 'groupByNode',
  group: 'Combine',
  description: `Groups the series by the value of one node (or tag) of their names and combines
each group with the callback (\`average\` unless given). Each result is named by that node.

.. code-block:: none

  &target=groupByNode(dc.*.hosts.*.requests,1,"sum")`,
  params: [SERIES_LIST, { name: 'nodeNum', type: 'nodeOrTag', required: true }, callbackParam({ default: 'average' })],
  run: (ctx, args) =>
    groupByNodesOf(ctx, seriesListArg(args, 'seriesList'), optionalStringArg(args, 'callback') ?? 'average', nodesArg(args, 'nodeNum')),
};
