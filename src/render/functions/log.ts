import { defineFunction, InputError } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';
import { pyCopy } from './lib/series-ops.js';
import { seriesValues } from './lib/consolidate.js';
import { mapPaced } from './lib/paced.js';

export const log = defineFunction({
  name: 'log',
  group: 'Transform',
  description: `The logarithm of each point in the given integer base (10 unless given). Points at
or below zero have none and become null.

.. code-block:: none

  &target=log(queue.backlog,2)`,
  params: [SERIES_LIST, param.integer('base', { default: 10 })],
  run(ctx, { seriesList, base }) {
    // math.log(x, base) divides two natural logarithms, and fails once a point needs them
    const logBase = Math.log(base);
    const badBase = !(logBase === logBase && Number.isFinite(logBase)) || logBase === 0;
    return mapPaced(ctx, seriesList, (s) => {
      const values = seriesValues(s).map((v) => {
        if (!(v > 0)) return NaN;
        if (badBase) throw new InputError(`log: invalid base ${base}: no logarithm in it`);
        return Math.log(v) / logBase;
      });
      return pyCopy(s, { name: `log(${s.name}, ${base})`, values, tags: { ...s.tags, log: String(base) } });
    });
  },
});
