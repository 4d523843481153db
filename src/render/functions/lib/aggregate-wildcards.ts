/**
 * graphite-web's aggregateWithWildcards, behind sumSeriesWithWildcards and the others: series
 * grouped by their names without the nodes at `positions` (a negative position removes
 * nothing), each group aggregated and named by that shortened name, groups in first-seen order.
 */
import type { EvalContext } from '../../function-types.js';
import type { Series } from '../../series.js';
import { aggregate } from './aggregate.js';

export async function aggregateWithWildcards(ctx: Pick<EvalContext, 'xFilesFactor' | 'pause'>, seriesList: readonly Series[], func: string, positions: readonly number[]): Promise<Series[]> {
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
  const out: Series[] = [];
  for (const [key, group] of groups) {
    const [result] = await aggregate(ctx, [group], func);
    result.name = key;
    out.push(result);
  }
  return out;
}
