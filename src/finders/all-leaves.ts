import type { MetricIndex } from './metric-index.js';

/**
 * A glob element matching at least `element` itself: each character the glob grammar gives a
 * meaning (`* ? [ { } \`) becomes `?`. Braces cannot be escaped at all (they are expanded
 * before any matching, as graphite-web does), hence `?` and a check of the results.
 */
export function globCovering(element: string): string {
  return element.replace(/[*?[{}\\]/g, '?');
}

/**
 * Every leaf path, from the index's own listing when it has one, else by walking the tree.
 * `shouldStop` is called now and then and may throw to abandon the listing.
 */
export async function listLeaves(index: MetricIndex, shouldStop: () => void = () => {}): Promise<string[]> {
  if (!index.leaves) return allLeaves(index, shouldStop);
  const leaves: string[] = [];
  for await (const path of index.leaves()) {
    if (leaves.push(path) % 4096 === 0) shouldStop();
  }
  return leaves;
}

/**
 * Every leaf path of the tree, walking it one level at a time through `find`, so any
 * MetricIndex backend can answer /metrics/index.json. `shouldStop` is called between finds
 * and may throw to abandon the walk.
 */
export async function allLeaves(index: MetricIndex, shouldStop: () => void = () => {}): Promise<string[]> {
  const leaves: string[] = [];
  let level: Array<{ parent: string; pattern: string }> = [{ parent: '', pattern: '*' }];
  while (level.length > 0) {
    const next: typeof level = [];
    for (const { parent, pattern } of level) {
      shouldStop();
      for await (const node of index.find(pattern)) {
        // a covering glob may also match siblings of the branch it stands for
        if (node.path.slice(0, node.path.lastIndexOf('.') + 1) !== parent) continue;
        if (node.isLeaf) leaves.push(node.path);
        else next.push({ parent: `${node.path}.`, pattern: `${pattern.slice(0, pattern.length - 1)}${globCovering(lastElement(node.path))}.*` });
      }
    }
    level = next;
  }
  return leaves;
}

function lastElement(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}
