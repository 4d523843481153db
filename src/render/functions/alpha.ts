import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';

export const alpha = defineFunction({
  name: 'alpha',
  group: 'Graph',
  description: `Draws the series with the given opacity, from 0 (transparent) to 1 (opaque).
Names and values are unchanged.

.. code-block:: none

  &target=alpha(hosts.web01.load,0.4)`,
  params: [SERIES_LIST, param.float('alpha', { required: true })],
  run(_ctx, { seriesList, alpha }) {
    for (const s of seriesList) s.graph.alpha = alpha;
    return seriesList;
  },
});
