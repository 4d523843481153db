import { defineFunction } from '../function-types.js';
import { pyNumberStr } from '../../lib/python-format.js';
import { seriesValues } from './lib/consolidate.js';
import { SERIES_LIST } from './lib/params.js';
import { transformed } from './lib/pointwise.js';
import { mapPaced } from './lib/paced.js';
import { safeMin } from './lib/safe.js';

export const offsetToZero = defineFunction({
  name: 'offsetToZero',
  group: 'Transform',
  description: `Shifts each series down by its own minimum over the range, so that its lowest
point is 0: series on different baselines (round trip times to hosts at different distances)
can then be compared by their variation alone.

.. code-block:: none

  &target=offsetToZero(ping.*.rtt_ms)`,
  params: [SERIES_LIST],
  run(ctx, { seriesList }) {
    return mapPaced(ctx, seriesList, (s) => {
      const minimum = safeMin(seriesValues(s));
      // the tag shows the minimum as Python prints it (None for a series without values)
      const tag = minimum === minimum ? pyNumberStr(minimum, s.integral) : 'None';
      const out = transformed(s, `offsetToZero(${s.name})`, ['offsetToZero', tag], (v) => v - minimum);
      out.integral = s.integral;
      return out;
    });
  },
});
