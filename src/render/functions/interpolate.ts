import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';
import { mapPaced } from './lib/paced.js';

/**
 * Runs of at most `limit` nulls between two values are filled along the straight line from
 * the value before to the value after; runs at either end stay null.
 */
export function interpolateValues(input: Float64Array, limit: number): Float64Array {
  const values = input.slice();
  let nulls = 0;
  // the first point is never a gap's end nor counted in one (graphite-web starts at the second)
  for (let i = 1; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      nulls++;
      continue;
    }
    if (nulls === 0) continue;
    const before = i - nulls - 1;
    const from = values[before];
    if (from === from && nulls <= limit) {
      // the same float operations, in the same order, as graphite-web
      for (let j = i - nulls; j < i; j++) values[j] = from + ((j - before) * (v - from)) / (nulls + 1);
    }
    nulls = 0;
  }
  return values;
}

export const interpolate = defineFunction({
  name: 'interpolate',
  group: 'Transform',
  description: `Bridges gaps in each series with straight lines from the value before a gap to the
value after it, for gaps of at most \`limit\` nulls (any length unless given). Nulls at the start
or the end, with a value on one side only, stay null.

.. code-block:: none

  &target=interpolate(sensors.outdoor.temp,10)`,
  params: [SERIES_LIST, param.intOrInf('limit', { default: Infinity })],
  run(ctx, { seriesList, limit }) {
    return mapPaced(ctx, seriesList, (s) => {
      const name = `interpolate(${s.name})`;
      return s.copy({ name, pathExpression: name, values: interpolateValues(s.values, limit) });
    });
  },
});
