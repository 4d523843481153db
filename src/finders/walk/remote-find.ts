import type { ElementMatcher, PatternCache } from '../glob/compile.js';
import { rewriteEscaped } from '../glob/escaped-fields.js';
import type { FindOptions, MetricNode } from '../metric-index.js';
import { taggedTreePath } from '../tagged-path.js';
import type { TreeSource } from './tree-walk.js';

/** How a remote index finds the nodes of a compiled tree pattern. */
export type TreeFind = (elements: readonly ElementMatcher[], leavesOnly: boolean, limit: number) => Promise<MetricNode[]>;

/**
 * A find as the embedded index answers it, for a remote index: a tagged name (`name;k=v`) is
 * looked up verbatim at its tree path, a tree pattern found by `treeFind`, and elements that
 * escape a wildcard written back into the paths, as graphite-web does. Throws GlobError.
 */
export async function remoteFind(patterns: PatternCache, source: TreeSource, pattern: string, opts: FindOptions, treeFind: TreeFind): Promise<MetricNode[]> {
  const compiled = patterns.compile(pattern);
  const limit = opts.limit ?? Infinity;
  if (compiled.kind === 'tagged') {
    const found = await source.nodes([taggedTreePath(compiled.pattern)]);
    return [...found.values()].some((n) => n.isLeaf) && limit > 0 ? [{ path: compiled.pattern, isLeaf: true }] : [];
  }
  const nodes = await treeFind(compiled.elements, opts.leavesOnly ?? false, limit);
  return compiled.escaped.length === 0 ? nodes : rewriteEscaped(nodes, compiled);
}
