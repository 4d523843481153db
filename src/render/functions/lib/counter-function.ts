import { defineFunction, type RenderFunction } from '../../function-types.js';
import { param } from '../../function-params.js';
import { seriesValues } from './consolidate.js';
import { nonNegativeDelta } from './non-negative-delta.js';
import { SERIES_LIST } from './params.js';
import { pyCopy } from './series-ops.js';
import { mapPaced } from './paced.js';

/**
 * A function of a counter's growth, such as nonNegativeDerivative: each non-null delta (see
 * nonNegativeDelta, with the optional `maxValue` and `minValue`) becomes `fromDelta(delta, step)`;
 * the series is named `name(series)` and tagged `name=1`.
 */
export function counterFunction(name: string, description: string, fromDelta: (delta: number, step: number) => number): RenderFunction {
  return defineFunction({
    name,
    group: 'Transform',
    description,
    params: [SERIES_LIST, param.float('maxValue'), param.float('minValue')],
    run(ctx, { seriesList, maxValue, minValue }) {
      return mapPaced(ctx, seriesList, (s) => {
        const input = seriesValues(s);
        const values = new Float64Array(input.length);
        let prev = NaN;
        for (let i = 0; i < input.length; i++) {
          let delta: number;
          [delta, prev] = nonNegativeDelta(input[i], prev, maxValue, minValue);
          values[i] = delta === delta ? fromDelta(delta, s.step) : NaN;
        }
        return pyCopy(s, { name: `${name}(${s.name})`, values, tags: { ...s.tags, [name]: '1' } });
      });
    },
  });
}
