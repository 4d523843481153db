import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';
import { groupByNodesOf } from './groupByNodes.js';

export const groupByNode = defineFunction({
  name: 'groupByNode',
  group: 'Combine',
  description: `Groups the series by the value of one node (or tag) of their names and combines
each group with the callback (\`average\` unless given). Each result is named by that node.

.. code-block:: none

  &target=groupByNode(dc.*.hosts.*.requests,1,"sum")`,
  params: [SERIES_LIST, param.nodeOrTag('nodeNum', { required: true }), param.aggOrSeriesFunc('callback', { default: 'average' })],
  run: (ctx, { seriesList, nodeNum, callback }) => groupByNodesOf(ctx, seriesList, callback, [nodeNum]),
});
