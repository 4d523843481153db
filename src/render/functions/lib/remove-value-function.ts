import { defineFunction, type RenderFunction } from '../../function-types.js';
import { param } from '../../function-params.js';
import { pyFormatG } from '../../../lib/python-format.js';
import type { Series } from '../../series.js';
import { SERIES_LIST } from './params.js';
import { mapValues } from './series-ops.js';
import { mapPaced } from './paced.js';

/**
 * The level a series' points are compared with (`n` itself, or a percentile of the series) and
 * the tags the series then has; undefined when there is none: the series is only renamed.
 */
export type Threshold = (s: Series, n: number) => { level: number; tags?: Record<string, string> } | undefined;

/**
 * A filter such as removeAboveValue: the points for which `removed(value, level)` holds become
 * null (`removed` sees NaN for a null), the level being `n` unless `threshold` says otherwise.
 */
export function removeValueFunction(name: string, description: string, removed: (value: number, level: number) => boolean, threshold: Threshold = (_s, n) => ({ level: n })): RenderFunction {
  return defineFunction({
    name,
    group: 'Filter Data',
    description,
    params: [SERIES_LIST, param.float('n', { required: true })],
    run(ctx, { seriesList, n }) {
      return mapPaced(ctx, seriesList, (s) => {
        const seriesName = `${name}(${s.name}, ${pyFormatG(n)})`;
        const t = threshold(s, n);
        if (t === undefined) return s.copy({ name: seriesName, pathExpression: seriesName });
        return s.copy({ name: seriesName, pathExpression: seriesName, values: mapValues(s.values, (v) => (removed(v, t.level) ? NaN : v)), tags: t.tags });
      });
    },
  });
}
