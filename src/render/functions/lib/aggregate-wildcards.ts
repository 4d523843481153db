/**
 * graphite-web's aggregateWithWildcards, behind sumSeriesWithWildcards and the others: series
 * grouped by their names without the nodes at `positions` (a negative position removes
 * nothing), each group aggregated and named by that shortened name, groups in first-seen order.
 */
import type { RequestContext } from '../../function-types.js';
import type { Series } from '../../series.js';
import { aggregate } from './aggregate.js';

export function aggregateWithWildcards(ctx: Pick<RequestContext, 'xFilesFactor'>, seriesList: readonly Series[], func: string, positions: readonly number[]): Series[] {
  const groups = new Map<string, Series[]>();
  for (const s of seriesList) {
    const key = s.name
      .split('.')
      .filter((_, i) => !positions.includes(i))
      .join('.');
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  return [...groups].map(([key, group]) => {
    const [result] = aggregate(ctx, [group], func);
    result.name = key;
    return result;
  });
}
