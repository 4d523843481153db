import { defineFunction } from '../function-types.js';
import { param } from '../function-params.js';
import { SERIES_LIST } from './lib/params.js';
import { mapPaced } from './lib/paced.js';

/** runs of at most `limit` nulls after a value take that value; longer runs stay null */
export function keepLast(input: Float64Array, limit: number): Float64Array {
  const values = input.slice();
  let nulls = 0;
  let last = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      nulls++;
      continue;
    }
    if (nulls > 0 && nulls <= limit && last === last) values.fill(last, i - nulls, i);
    nulls = 0;
    last = v;
  }
  if (nulls > 0 && nulls <= limit && last === last) values.fill(last, values.length - nulls);
  return values;
}

export const keepLastValue = defineFunction({
  name: 'keepLastValue',
  group: 'Transform',
  description: `Fills gaps with the last value seen before them, for gaps of at most \`limit\` points
(no limit unless given).

.. code-block:: none

  &target=keepLastValue(sensors.door.state,10)`,
  params: [SERIES_LIST, param.intOrInf('limit', { default: Infinity })],
  run(ctx, { seriesList, limit }) {
    return mapPaced(ctx, seriesList, (s) => {
      const name = `keepLastValue(${s.name})`;
      return s.copy({ name, pathExpression: name, values: keepLast(s.values, limit) });
    });
  },
});
