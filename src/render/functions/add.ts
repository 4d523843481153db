import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { pyFloatRepr } from '../../lib/python-format.js';
import { SERIES_LIST } from './lib/params.js';
import { transformed } from './lib/pointwise.js';
import { mapPaced } from './lib/paced.js';

/**
 * graphite-web's add(): offset() under another name, except that the constant is written into
 * the name with Python's `%d` (truncated toward zero: `add(x,1.5)` is named `add(x,1)`).
 */
export const add = defineFunction({
  name: 'add',
  group: 'Transform',
  description: `Adds a constant to every point of each series; nulls stay null. The name shows the
constant as an integer, as graphite-web's does.

.. code-block:: none

  &target=add(servers.web01.threads.busy,10)`,
  params: [SERIES_LIST, param.float('constant', { required: true })],
  run(ctx, { seriesList, constant }) {
    // Python's %d of an infinite or NaN float raises; graphite-web answers 500
    if (!Number.isFinite(constant)) throw new InputError(`add(): the constant ${pyFloatRepr(constant)} cannot be written as an integer`);
    const shown = (Math.trunc(constant) || 0).toFixed(0);
    return mapPaced(ctx, seriesList, (s) => transformed(s, `add(${s.name},${shown})`, ['add', pyFloatRepr(constant)], (v) => v + constant));
  },
});
