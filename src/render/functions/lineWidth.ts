import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';

export const lineWidth = defineFunction({
  name: 'lineWidth',
  group: 'Graph',
  description: `Draws the series with lines of the given width, instead of the graph's
\`lineWidth\` (1 by default): to make one series stand out among many. Names and values are
unchanged.

.. code-block:: none

  &target=lineWidth(hosts.web01.load,3)`,
  params: [SERIES_LIST, param.float('width', { required: true })],
  run(_ctx, { seriesList, width }) {
    for (const s of seriesList) s.graph.lineWidth = width;
    return seriesList;
  },
});
