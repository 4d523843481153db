/**
 * graphite-web's aggregateSeriesLists, behind sumSeriesLists and the other `*SeriesLists`
 * combiners: the i-th series of one list with the i-th of the other, each pair aggregated on its
 * own and named after the two series (the tags keep what aggregate gave them).
 */
import { InputError, type RequestContext } from '../../function-types.js';
import type { Series } from '../../series.js';
import { aggregate } from './aggregate.js';

export function aggregatePairs(ctx: Pick<RequestContext, 'xFilesFactor'>, first: readonly Series[], second: readonly Series[], func: string, xFilesFactor?: number): Series[] {
  if (first.length !== second.length) throw new InputError('seriesListFirstPos and seriesListSecondPos argument must have equal length');
  return first.map((a, i) => {
    const b = second[i];
    const [result] = aggregate(ctx, [[a, b]], func, xFilesFactor);
    result.name = `${result.name.slice(0, result.name.indexOf('Series('))}Series(${a.name},${b.name})`;
    return result;
  });
}
