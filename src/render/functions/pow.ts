import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { pyFloatRepr, pyFormatG } from '../../lib/python-format.js';
import { SERIES_LIST } from './lib/params.js';
import { safePow, transformed } from './lib/pointwise.js';
import { mapPaced } from './lib/paced.js';

export const pow = defineFunction({
  name: 'pow',
  group: 'Transform',
  description: `Raises each point to a constant power. A result that has no real value or is too
large for a float (a negative point to a fractional power, zero to a negative one) is null.

.. code-block:: none

  &target=pow(sensors.edge_m,2)`,
  params: [SERIES_LIST, param.float('factor', { required: true })],
  run: (ctx, { seriesList, factor }) =>
    mapPaced(ctx, seriesList, (s) => transformed(s, `pow(${s.name},${pyFormatG(factor)})`, ['pow', pyFloatRepr(factor)], (v) => safePow(v, factor))),
});
