import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { pyFormatG } from '../../lib/python-format.js';
import { SERIES_LIST } from './lib/params.js';

export const dashed = defineFunction({
  name: 'dashed',
  group: 'Graph',
  description: `Draws the series as dashed lines, dashes \`dashLength\` pixels long (5 by
default).

.. code-block:: none

  &target=dashed(hosts.web01.load)
  &target=dashed(hosts.web01.load,3)`,
  params: [SERIES_LIST, param.integer('dashLength', { default: 5 })],
  run(_ctx, { seriesList, dashLength }) {
    for (const s of seriesList) {
      s.tags = { ...s.tags, dashed: String(dashLength) };
      s.name = `dashed(${s.name}, ${pyFormatG(dashLength)})`;
      s.graph.dashed = dashLength;
    }
    return seriesList;
  },
});
