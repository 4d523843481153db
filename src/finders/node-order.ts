import type { MetricNode } from './metric-index.js';

/** The last element of a dotted path: what graphite-web calls a node's name. */
export function nodeName(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/**
 * Python's str ordering (by code point). JavaScript's `<` compares UTF-16 units, which differs
 * only when one side has a surrogate (an astral character) and the other a unit >= U+E000.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      const xs = x <= 0xdfff;
      const ys = y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1; // the surrogate is the astral, larger code point
    }
    return x - y;
  }
  return a.length - b.length;
}

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
  const unique = [...new Set(paths)];
  return unique.sort(unique.some((p) => ASTRAL_OR_HIGH.test(p)) ? compareCodePoints : compareUnits);
}

/** Without any unit from U+D800 up, UTF-16 order is code point order: the native compare is exact. */
const ASTRAL_OR_HIGH = /[\ud800-\uffff]/;

function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
