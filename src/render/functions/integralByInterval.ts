import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { seriesValues } from './lib/consolidate.js';
import { intervalSeconds } from './lib/interval-arg.js';
import { SERIES_LIST } from './lib/params.js';
import { pyCopy } from './lib/series-ops.js';
import { mapPaced } from './lib/paced.js';

export const integralByInterval = defineFunction({
  name: 'integralByInterval',
  group: 'Transform',
  description: `A running total like integral(), started again from 0 at each whole interval counted
from the start of the requested range: totals per hour, per day, ... A null adds nothing and
shows the total so far.

.. code-block:: none

  &target=integralByInterval(shop.orders.per_minute,"1d")&from=midnight-7days`,
  params: [SERIES_LIST, param.string('intervalUnit', { required: true })],
  run(ctx, { seriesList, intervalUnit }) {
    // a string parameter in graphite-web: parsed (and failing) as an interval only here
    const interval = Math.abs(intervalSeconds(intervalUnit, 'intervalUnit'));
    if (interval === 0 && seriesList.length > 0) throw new InputError(`integralByInterval: the interval ${JSON.stringify(intervalUnit)} is empty`);
    const startTime = Math.trunc(ctx.startTime);
    return mapPaced(ctx, seriesList, (s) => {
      const input = seriesValues(s);
      const values = new Float64Array(input.length);
      let total = 0;
      let t = s.start;
      for (let i = 0; i < input.length; i++, t += s.step) {
        if (Math.floor((t - startTime) / interval) !== Math.floor((t - startTime - s.step) / interval)) total = 0;
        const v = input[i];
        if (v === v) total += v;
        values[i] = total;
      }
      return pyCopy(s, { name: `integralByInterval(${s.name},'${intervalUnit}')`, values, tags: { ...s.tags, integralByInterval: intervalUnit } });
    });
  },
});
