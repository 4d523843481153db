/**
 * graphite-web's highest/lowest: series ordered by one aggregate of their values (a series
 * with no value at all ranks as -infinity), stable like Python's sort, then the first n.
 */
import type { Series } from '../../series.js';
import { seriesValues } from './consolidate.js';
import { headSlice } from './py-slice.js';
import { getAggFunc, type AggFunc } from './safe.js';

export function sortByAggregate(seriesList: readonly Series[], agg: AggFunc, descending: boolean): Series[] {
  const keyed = seriesList.map((s) => {
    const v = agg(seriesValues(s));
    return { s, key: v === v ? v : -Infinity };
  });
  keyed.sort((a, b) => (descending ? cmp(b.key, a.key) : cmp(a.key, b.key)));
  return keyed.map((k) => k.s);
}

function cmp(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function highest(seriesList: readonly Series[], n: number, func: string): Series[] {
  return headSlice(sortByAggregate(seriesList, getAggFunc(func), true), n);
}

export function lowest(seriesList: readonly Series[], n: number, func: string): Series[] {
  return headSlice(sortByAggregate(seriesList, getAggFunc(func), false), n);
}
