import { defineFunction } from '../function-types.js';
import { flagSeries } from './lib/graph-flag.js';
import { SERIES_LIST } from './lib/params.js';

export const secondYAxis = defineFunction({
  name: 'secondYAxis',
  group: 'Graph',
  description: `Draws the series against a second y axis, on the right of the graph, with its own
scale.

.. code-block:: none

  &target=hosts.web01.load&target=secondYAxis(hosts.web01.requests)`,
  params: [SERIES_LIST],
  run: (_ctx, { seriesList }) => flagSeries(seriesList, 'secondYAxis'),
});
