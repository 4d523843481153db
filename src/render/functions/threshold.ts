import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { constantLineSeries } from './constantLine.js';

export const threshold = defineFunction({
  name: 'threshold',
  group: 'Graph',
  description: `A horizontal line at \`value\` across the graph, as constantLine draws it,
optionally named \`label\` in the legend and drawn in \`color\`.

.. code-block:: none

  &target=threshold(90,"disk full","red")`,
  params: [param.float('value', { required: true }), param.string('label'), param.string('color')],
  run(ctx, { value, label, color }) {
    const line = constantLineSeries(ctx, value);
    // graphite-web renames the line but keeps the tags it parsed from the value's name
    if (label) line.name = label;
    if (color) line.graph.color = color;
    return [line];
  },
});
