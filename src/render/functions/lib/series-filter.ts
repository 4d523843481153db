/**
 * graphite-web's filterSeries test: a series stays when one aggregate of its values (as the
 * series iterates them, consolidated) compares with a threshold. A series with no value
 * aggregates to None, which passes `!=`, `<` and `<=` and fails the others.
 */
import type { EvalContext } from '../../function-types.js';
import type { Series } from '../../series.js';
import { seriesValues } from './consolidate.js';
import { mapPaced } from './paced.js';
import { getAggFunc } from './safe.js';

export const FILTER_OPERATORS = ['!=', '<', '<=', '=', '>', '>='] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

const PASSES: Readonly<Record<FilterOperator, (value: number, threshold: number) => boolean>> = {
  '=': (v, t) => v === v && v === t,
  '!=': (v, t) => v !== v || v !== t,
  '>': (v, t) => v === v && v > t,
  '>=': (v, t) => v === v && v >= t,
  '<': (v, t) => v !== v || v < t,
  '<=': (v, t) => v !== v || v <= t,
};

/** Each series' aggregate is computed pausing between series when the work is large (paced.ts). */
export async function filterByAggregate(ctx: Pick<EvalContext, 'pause'>, seriesList: readonly Series[], func: string, operator: FilterOperator, threshold: number): Promise<Series[]> {
  const agg = getAggFunc(func);
  const passes = PASSES[operator];
  const kept = await mapPaced(ctx, seriesList, (s) => passes(agg(seriesValues(s)), threshold));
  return seriesList.filter((_, i) => kept[i]);
}
