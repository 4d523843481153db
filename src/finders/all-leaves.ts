import type { MetricIndex } from './metric-index.js';

/** A path element as a glob that matches only itself (fnmatch's `[x]` makes x literal). */
export function literalGlob(element: string): string {
  return element.replace(/[*?[{}]/g, (c) => `[${c}]`);
}

/**
 * Every leaf path of the tree, walking it one level at a time through `find`, so any
 * MetricIndex backend can answer /metrics/index.json. `shouldStop` is polled between levels.
 */
export async function allLeaves(index: MetricIndex, shouldStop: () => void = () => {}): Promise<string[]> {
  const leaves: string[] = [];
  let level: string[] = ['*'];
  while (level.length > 0) {
    const next: string[] = [];
    for (const pattern of level) {
      shouldStop();
      for await (const node of index.find(pattern)) {
        if (node.isLeaf) leaves.push(node.path);
        else next.push(node.path.split('.').map(literalGlob).join('.') + '.*');
      }
    }
    level = next;
  }
  return leaves;
}
