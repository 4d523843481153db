import type { RenderFunction } from '../../function-types.js';
import { optionalNumberArg, seriesListArg } from './args.js';
import { seriesValues } from './consolidate.js';
import { nonNegativeDelta } from './non-negative-delta.js';
import { SERIES_LIST } from './params.js';
import { pyCopy } from './series-ops.js';

/**
 * A function of a counter's growth, such as nonNegativeDerivative: each non-null delta (see
 * nonNegativeDelta, with the optional `maxValue` and `minValue`) becomes `fromDelta(delta, step)`;
 * the series is named `name(series)` and tagged `name=1`.
 */
export function counterFunction(name: string, description: string, fromDelta: (delta: number, step: number) => number): RenderFunction {
  return {
    name,
    group: 'Transform',
    description,
    params: [SERIES_LIST, { name: 'maxValue', type: 'float' }, { name: 'minValue', type: 'float' }],
    run(_ctx, args) {
      const maxValue = optionalNumberArg(args, 'maxValue');
      const minValue = optionalNumberArg(args, 'minValue');
      return seriesListArg(args, 'seriesList').map((s) => {
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
  };
}
