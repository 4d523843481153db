/**
 * graphite-web's filterSeries test: a series stays when one aggregate of its values (as the
 * series iterates them, consolidated) compares with a threshold. A series with no value
 * aggregates to None, which passes `!=`, `<` and `<=` and fails the others.
 */
import type { Series } from '../../series.js';
import { seriesValues } from './consolidate.js';
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

export function filterByAggregate(seriesList: readonly Series[], func: string, operator: FilterOperator, threshold: number): Series[] {
  const agg = getAggFunc(func);
  const passes = PASSES[operator];
  return seriesList.filter((s) => passes(agg(seriesValues(s)), threshold));
}
