import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';

export const color = defineFunction({
  name: 'color',
  group: 'Graph',
  description: `Draws the series in the given colour: a name such as \`green\` or \`gray\`, or a
hexadecimal \`rrggbb\` or \`rrggbbaa\` (without the \`#\`). Names and values are unchanged.

.. code-block:: none

  &target=color(hosts.web01.load,"red")
  &target=color(hosts.web01.load,"6464ffaa")`,
  params: [SERIES_LIST, param.string('theColor', { required: true })],
  run(_ctx, { seriesList, theColor }) {
    for (const s of seriesList) s.graph.color = theColor;
    return seriesList;
  },
});
