import { ASTRAL_OR_HIGH, compareCodePoints, compareUnits } from '../series/id.js';
import type { MetricNode } from './metric-index.js';

/** The last element of a dotted path: what graphite-web calls a node's name. */
export function nodeName(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/** Python's str ordering (by code point); it lives with the series names it orders. */
export { compareCodePoints };

/**
 * Nodes in graphite-web's find order: by name (Python's sort), and, where graphite-web's
 * order is random (equal names under different parents), branches first, then by path.
 * Exact duplicates (same path, same kind) are dropped.
 */
export function sortByName(nodes: readonly MetricNode[]): MetricNode[] {
  const keyed = nodes.map((node) => ({ node, name: nodeName(node.path) }));
  const compare = keyed.some((k) => ASTRAL_OR_HIGH.test(k.node.path)) ? compareCodePoints : compareUnits;
  keyed.sort((a, b) => compare(a.name, b.name) || Number(a.node.isLeaf) - Number(b.node.isLeaf) || compare(a.node.path, b.node.path));
  const out: MetricNode[] = [];
  for (const { node } of keyed) {
    const prev = out[out.length - 1];
    if (prev && prev.path === node.path && prev.isLeaf === node.isLeaf) continue;
    out.push(node);
  }
  return out;
}

/** Sorted, duplicate-free paths (Python's sorted(set(...))). */
export function sortedUniquePaths(paths: Iterable<string>): string[] {
  return sortByCodePoint([...new Set(paths)]);
}

/** Sorts `list` in place by code point (Python's order), natively when that is exact. */
export function sortByCodePoint(list: string[]): string[] {
  return list.sort(list.some((p) => ASTRAL_OR_HIGH.test(p)) ? compareCodePoints : compareUnits);
}

