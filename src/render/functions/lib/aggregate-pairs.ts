/**
 * graphite-web's aggregateSeriesLists, behind sumSeriesLists and the other `*SeriesLists`
 * combiners: the i-th series of one list with the i-th of the other, each pair aggregated on its
 * own and named after the two series (the tags keep what aggregate gave them).
 */
import { InputError, type EvalContext } from '../../function-types.js';
import type { Series } from '../../series.js';
import { aggregate } from './aggregate.js';

export async function aggregatePairs(ctx: Pick<EvalContext, 'xFilesFactor' | 'pause'>, first: readonly Series[], second: readonly Series[], func: string, xFilesFactor?: number): Promise<Series[]> {
  if (first.length !== second.length) throw new InputError('seriesListFirstPos and seriesListSecondPos argument must have equal length');
  const out: Series[] = [];
  for (let i = 0; i < first.length; i++) {
    const [a, b] = [first[i], second[i]];
    const [result] = await aggregate(ctx, [[a, b]], func, xFilesFactor);
    result.name = `${result.name.slice(0, result.name.indexOf('Series('))}Series(${a.name},${b.name})`;
    out.push(result);
  }
  return out;
}
