import type { RenderFunction } from '../../function-types.js';
import { pyFormatG } from '../../../lib/python-format.js';
import { numberArg, seriesListArg } from './args.js';
import { SERIES_LIST } from './params.js';
import { mapValues } from './series-ops.js';

/** A filter such as removeAboveValue: the points for which `removed(value, n)` holds become null. */
export function removeValueFunction(name: string, description: string, removed: (value: number, n: number) => boolean): RenderFunction {
  return {
    name,
    group: 'Filter Data',
    description,
    params: [SERIES_LIST, { name: 'n', type: 'float', required: true }],
    run(_ctx, args) {
      const n = numberArg(args, 'n');
      return seriesListArg(args, 'seriesList').map((s) => {
        const seriesName = `${name}(${s.name}, ${pyFormatG(n)})`;
        return s.copy({ name: seriesName, pathExpression: seriesName, values: mapValues(s.values, (v) => (removed(v, n) ? NaN : v)) });
      });
    },
  };
}
