/** Picking parts of series names: graphite-web's getNodeOrTag and aggKey, and grouping by them. */
import type { Series } from '../../series.js';
import { firstPathExpression } from './first-path-expression.js';

export type NodeOrTag = number | string;

/**
 * An integer picks that dot-separated node of the path (tags cut off; negative counts from
 * the end); anything else, or an index out of range, picks that tag ('' when absent).
 */
export function getNodeOrTag(series: Series, n: NodeOrTag, pathExpression?: string | null): string {
  if (typeof n === 'number' && Number.isInteger(n)) {
    const nodes = (pathExpression || series.name).split(';')[0].split('.');
    const i = n < 0 ? nodes.length + n : n;
    if (i >= 0 && i < nodes.length) return nodes[i];
  }
  const key = String(n);
  return Object.hasOwn(series.tags, key) ? series.tags[key] : '';
}

/** The group key of a series: its chosen nodes joined by dots, read from the first path when the name is a call. */
export function aggKey(series: Series, nodes: readonly NodeOrTag[], pathExpression?: string | null): string {
  let path = pathExpression;
  if (path == null && series.name.endsWith(')')) path = firstPathExpression(series.name);
  return nodes.map((n) => getNodeOrTag(series, n, path)).join('.');
}

/** Series grouped by aggKey, the groups in the order of their first series. */
export function groupByAggKey(seriesList: readonly Series[], nodes: readonly NodeOrTag[]): Map<string, Series[]> {
  const groups = new Map<string, Series[]>();
  for (const s of seriesList) {
    const key = aggKey(s, nodes);
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  return groups;
}
