/**
 * graphite-web's highest/lowest: series ordered by one aggregate of their values (a series
 * with no value at all ranks as -infinity), stable like Python's sort, then the first n.
 */
import type { EvalContext } from '../../function-types.js';
import type { Series } from '../../series.js';
import { seriesValues } from './consolidate.js';
import { mapPaced } from './paced.js';
import { headSlice } from './py-slice.js';
import { getAggFunc, type AggFunc } from './safe.js';

/** The aggregate of each series is computed pausing between series when the work is large (paced.ts). */
export async function sortByAggregate(ctx: Pick<EvalContext, 'pause'>, seriesList: readonly Series[], agg: AggFunc, descending: boolean): Promise<Series[]> {
  const keyed = await mapPaced(ctx, seriesList, (s) => {
    const v = agg(seriesValues(s));
    return { s, key: v === v ? v : -Infinity };
  });
  keyed.sort((a, b) => (descending ? cmp(b.key, a.key) : cmp(a.key, b.key)));
  return keyed.map((k) => k.s);
}

function cmp(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function highest(ctx: Pick<EvalContext, 'pause'>, seriesList: readonly Series[], n: number, func: string): Promise<Series[]> {
  return headSlice(await sortByAggregate(ctx, seriesList, getAggFunc(func), true), n);
}

export async function lowest(ctx: Pick<EvalContext, 'pause'>, seriesList: readonly Series[], n: number, func: string): Promise<Series[]> {
  return headSlice(await sortByAggregate(ctx, seriesList, getAggFunc(func), false), n);
}
