import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { pyFloatRepr, pyFormatG } from '../../lib/python-format.js';
import { SERIES_LIST } from './lib/params.js';
import { mapValues } from './lib/series-ops.js';
import { mapPaced } from './lib/paced.js';

export const offset = defineFunction({
  name: 'offset',
  group: 'Transform',
  description: `Adds a constant to every point (nulls stay null).

.. code-block:: none

  &target=offset(sensors.room1.temp,-273.15)`,
  params: [SERIES_LIST, param.float('factor', { required: true })],
  run(ctx, { seriesList, factor }) {
    return mapPaced(ctx, seriesList, (s) => {
      const name = `offset(${s.name},${pyFormatG(factor)})`;
      return s.copy({ name, pathExpression: name, values: mapValues(s.values, (v) => v + factor), tags: { ...s.tags, offset: pyFloatRepr(factor) } });
    });
  },
});
