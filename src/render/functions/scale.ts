import type { RenderFunction } from '../function-types.js';
import { pyFloatRepr, pyFormatG } from '../../lib/python-format.js';
import { numberArg, seriesListArg } from './lib/args.js';
import { SERIES_LIST } from './lib/params.js';
import { mapValues } from './lib/series-ops.js';

export const scale: RenderFunction = {
  name: 'scale',
  group: 'Transform',
  description: `Multiplies every point by a constant.

.. code-block:: none

  &target=scale(hosts.web01.mem.free_kb,1024)`,
  params: [SERIES_LIST, { name: 'factor', type: 'float', required: true }],
  run(_ctx, args) {
    const factor = numberArg(args, 'factor');
    return seriesListArg(args, 'seriesList').map((s) => {
      const name = `scale(${s.name},${pyFormatG(factor)})`;
      return s.copy({ name, pathExpression: name, values: mapValues(s.values, (v) => v * factor), tags: { ...s.tags, scale: pyFloatRepr(factor) } });
    });
  },
};
