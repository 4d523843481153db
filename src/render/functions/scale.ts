import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { pyFloatRepr, pyFormatG } from '../../lib/python-format.js';
import { SERIES_LIST } from './lib/params.js';
import { mapValues } from './lib/series-ops.js';
import { mapPaced } from './lib/paced.js';

export const scale = defineFunction({
  name: 'scale',
  group: 'Transform',
  description: `Multiplies every point by a constant.

.. code-block:: none

  &target=scale(hosts.web01.mem.free_kb,1024)`,
  params: [SERIES_LIST, param.float('factor', { required: true })],
  run(ctx, { seriesList, factor }) {
    return mapPaced(ctx, seriesList, (s) => {
      const name = `scale(${s.name},${pyFormatG(factor)})`;
      return s.copy({ name, pathExpression: name, values: mapValues(s.values, (v) => v * factor), tags: { ...s.tags, scale: pyFloatRepr(factor) } });
    });
  },
});
