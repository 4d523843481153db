import { FindLimitError } from './glob/errors.js';
import type { FindOptions, MetricIndex, MetricNode } from './metric-index.js';

/**
 * Every node of a find, or FindLimitError when there are more than `cap`: the routes' way of
 * turning the configured limits.find.maxNodes into a clear 4xx instead of a huge answer.
 */
export async function collectFind(
  index: MetricIndex,
  pattern: string,
  cap: number,
  opts: Omit<FindOptions, 'limit'> = {},
): Promise<MetricNode[]> {
  const out: MetricNode[] = [];
  for await (const node of index.find(pattern, { ...opts, limit: cap + 1 })) {
    if (out.length === cap) throw new FindLimitError(pattern, cap);
    out.push(node);
  }
  return out;
}
