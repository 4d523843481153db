import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { pyFloatRepr, pyFormatG } from '../../lib/python-format.js';
import { seriesValues } from './lib/consolidate.js';
import { SERIES_LIST } from './lib/params.js';
import { percentile } from './lib/percentile.js';
import { pyCopy } from './lib/series-ops.js';

export const nPercentile = defineFunction({
  name: 'nPercentile',
  group: 'Calculate',
  description: `Replaces each series by a flat line at its n-th percentile over the range (the
nearest-rank method on the non-null points). Series without any value are dropped.

.. code-block:: none

  &target=nPercentile(api.latency_ms,95)`,
  params: [SERIES_LIST, param.float('n', { required: true })],
  run(_ctx, { seriesList, n }) {
    if (n === 0) throw new InputError('The requested percent is required to be greater than 0');
    const out = [];
    for (const s of seriesList) {
      const value = percentile(seriesValues(s), n);
      if (value !== value) continue;
      const count = Math.trunc((s.end - s.start) / s.step);
      out.push(
        pyCopy(s, {
          name: `nPercentile(${s.name}, ${pyFormatG(n)})`,
          values: new Float64Array(Math.max(0, count)).fill(value),
          tags: { ...s.tags, nPercentile: pyFloatRepr(n) },
        }),
      );
    }
    return out;
  },
});
