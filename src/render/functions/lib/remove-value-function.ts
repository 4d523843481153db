import { defineFunction, type RenderFunction } from '../../function-types.js';
import { param } from '../../function-params.js';
import { pyFormatG } from '../../../lib/python-format.js';
import { SERIES_LIST } from './params.js';
import { mapValues } from './series-ops.js';

/** A filter such as removeAboveValue: the points for which `removed(value, n)` holds become null. */
export function removeValueFunction(name: string, description: string, removed: (value: number, n: number) => boolean): RenderFunction {
  return defineFunction({
    name,
    group: 'Filter Data',
    description,
    params: [SERIES_LIST, param.float('n', { required: true })],
    run(_ctx, { seriesList, n }) {
      return seriesList.map((s) => {
        const seriesName = `${name}(${s.name}, ${pyFormatG(n)})`;
        return s.copy({ name: seriesName, pathExpression: seriesName, values: mapValues(s.values, (v) => (removed(v, n) ? NaN : v)) });
      });
    },
  });
}
