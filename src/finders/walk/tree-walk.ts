import type { ElementMatcher } from '../glob/compile.js';
import type { MetricNode } from '../metric-index.js';

/** A node of a remote index's tree: the root is the path ''. */
export interface WalkNode {
  readonly path: string;
  /** a series of this name exists */
  readonly isLeaf: boolean;
  /** it has children */
  readonly isBranch: boolean;
}

/** What a remote index answers so a glob can walk its tree level by level. */
export interface TreeSource {
  /** The children of each branch (paths, '' the root), each list in any order. */
  children(parents: readonly string[]): Promise<Map<string, WalkNode[]>>;
  /** These nodes, where they exist. */
  nodes(paths: readonly string[]): Promise<Map<string, WalkNode>>;
}

const ROOT: WalkNode = { path: '', isLeaf: false, isBranch: true };

/** The last element of a node's path. */
function segmentOf(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

function childPath(parent: string, segment: string): string {
  return parent === '' ? segment : `${parent}.${segment}`;
}

/**
 * The nodes a compiled glob matches, walking a remote tree level by level with the semantics of
 * the embedded index (src/finders/tree/search.ts, graphite-web's StandardFinder): literal
 * variants are looked up, wildcard variants tested against each child, an empty element stays
 * on the branch it is in (answered as `path.` when last), `**` continues from every branch
 * below the current one and the current one itself (only the root at the top, as graphite-web's
 * walk does). Results as MetricNodes, at most `limit`.
 */
export async function walkGlob(source: TreeSource, input: readonly ElementMatcher[], opts: { leavesOnly: boolean; limit: number }): Promise<MetricNode[]> {
  const elements = [...input];
  if (elements.length > 0 && elements[elements.length - 1].globstar) elements.push(STAR);
  let frontier: WalkNode[] = [ROOT];
  const stayed: WalkNode[] = [];
  for (let d = 0; d < elements.length && frontier.length > 0; d++) {
    const e = elements[d];
    const last = d === elements.length - 1;
    const next = new Map<string, WalkNode>();
    const add = (n: WalkNode) => {
      if (!next.has(n.path)) next.set(n.path, n);
    };
    if (e.globstar) {
      for (const f of frontier) add(f);
      await forEachBranchBelow(
        source,
        frontier.filter((f) => f !== ROOT),
        add,
      );
      frontier = [...next.values()];
      continue;
    }
    const stayedSeen = new Set<string>();
    for (const f of frontier) {
      if (e.matchesEmpty && f.isBranch) {
        if (!last) add(f);
        else if (!stayedSeen.has(f.path)) {
          stayedSeen.add(f.path);
          stayed.push(f);
        }
      }
    }
    const branches = frontier.filter((f) => f.isBranch);
    if (e.literals.length > 0 && branches.length > 0) {
      const wanted = branches.flatMap((f) => e.literals.map((lit) => childPath(f.path, lit)));
      const found = await source.nodes(wanted);
      for (const path of wanted) {
        const n = found.get(path);
        if (n) add(n);
      }
    }
    if (e.test !== null && branches.length > 0) {
      const children = await source.children(branches.map((f) => f.path));
      for (const f of branches) for (const c of children.get(f.path) ?? []) if (e.test(segmentOf(c.path))) add(c);
    }
    frontier = [...next.values()];
  }
  const out: MetricNode[] = [];
  for (const n of frontier) {
    if (out.length >= opts.limit) return out;
    if (!opts.leavesOnly && n.isBranch && n !== ROOT) out.push({ path: n.path, isLeaf: false });
    if (n.isLeaf && out.length < opts.limit) out.push({ path: n.path, isLeaf: true });
  }
  if (!opts.leavesOnly) for (const n of stayed) if (out.length < opts.limit) out.push({ path: n === ROOT ? '' : `${n.path}.`, isLeaf: false });
  return out;
}

const STAR: ElementMatcher = { literals: [], test: () => true, matchesEmpty: false, globstar: false, matchesAll: true };

/** Every branch below the given ones, level by level. */
async function forEachBranchBelow(source: TreeSource, from: readonly WalkNode[], visit: (n: WalkNode) => void): Promise<void> {
  let level = from.filter((n) => n.isBranch);
  while (level.length > 0) {
    const children = await source.children(level.map((n) => n.path));
    const next: WalkNode[] = [];
    for (const n of level) {
      for (const c of children.get(n.path) ?? []) {
        if (c.isBranch) {
          visit(c);
          next.push(c);
        }
      }
    }
    level = next;
  }
}
