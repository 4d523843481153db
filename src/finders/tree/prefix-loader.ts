import { MetricTree, ROOT } from './metric-tree.js';

/**
 * Adds many leaves to a tree, reusing the nodes of the previous path's common prefix. Paths read
 * back in sorted order share long prefixes, so a restart mostly skips the hash lookups.
 */
export class PrefixLoader {
  private previous: string[] = [];
  /** chain[i] = node of the first i segments of `previous` (chain[0] is the root) */
  private chain: number[] = [ROOT];

  constructor(private readonly tree: MetricTree) {}

  /** Adds `path` as a leaf; false if it already was one. */
  add(segments: string[]): boolean {
    const prev = this.previous;
    let common = 0;
    const max = Math.min(prev.length, segments.length);
    while (common < max && prev[common] === segments[common]) common++;
    const chain = this.chain;
    chain.length = common + 1;
    let node = chain[common];
    for (let i = common; i < segments.length; i++) {
      node = this.tree.addBranchPath(segments, node, i, i + 1);
      chain.push(node);
    }
    this.previous = segments;
    return this.tree.addLeaf(segments, node, segments.length);
  }
}
