import type { ElementMatcher } from '../glob/compile.js';
import type { MetricNode } from '../metric-index.js';
import { IntList } from './int-list.js';
import { MetricTree, ROOT } from './metric-tree.js';
import { runWhole } from '../../lib/work-slicer.js';
import { ScratchPool, type SearchScratch } from './search-scratch.js';

/** Scratch stamps lent to searches (see SearchScratch). */
export const SCRATCH = new ScratchPool();

/** Nodes a search visits between two steps of its work (see WorkSlicer.run): well under a millisecond. */
const NODES_PER_STEP = 4096;

export interface SearchOptions {
  readonly leavesOnly: boolean;
  /** stop after this many nodes */
  readonly limit: number;
}

/** Below this many candidate children, listing them beats any plan. */
const SMALL_SCAN = 64;

/**
 * Nodes matching `elements` level by level, as graphite-web's StandardFinder walks directories.
 *
 * The plan, per level d, with F the matched nodes of level d-1:
 * - a literal element probes the (parent, segment) table for each node of F, or, when the
 *   segment's posting list is shorter than F, walks the posting list and keeps the nodes whose
 *   parent is in F;
 * - a wildcard element either lists the children of F (testing each distinct segment once), or
 *   tests the distinct segments at position d once and walks the posting lists of those that
 *   match, whichever touches fewer nodes;
 * - when a later literal element (`*.*.cpu.user`) has a posting list shorter than the children
 *   of F, the search jumps there and checks each candidate's ancestors upward instead.
 */
export function searchTree(tree: MetricTree, elements: readonly ElementMatcher[], opts: PlanOptions = {}): SearchResult {
  const scratch = SCRATCH.lend(tree);
  try {
    return runWhole(searchWork(tree, elements, scratch, opts));
  } finally {
    SCRATCH.giveBack(scratch);
  }
}

/**
 * searchTree as work in steps (WorkSlicer.run), with its own scratch stamps. The caller of a
 * paused search fits `scratch` to the tree after each pause (it may have grown), and starts
 * again when the tree lost nodes meanwhile (`tree.removals` changed): their ids are reused.
 */
export function* searchWork(tree: MetricTree, elements: readonly ElementMatcher[], scratch: SearchScratch, opts: PlanOptions = {}): Generator<void, SearchResult> {
  if (elements.some((e) => e.matchesEmpty || e.globstar)) return yield* walkTopDown(tree, scratch, elements, opts.cap ?? Infinity);
  return { nodes: yield* new Search(tree, scratch, elements, opts.smallScan ?? SMALL_SCAN, opts.cap ?? Infinity).run(), stayed: [] };
}

export interface PlanOptions {
  /** below this many children, list them without planning (tests set it to force plans) */
  readonly smallScan?: number;
  /**
   * stop once this many nodes of the last level are found (a caller that reports each node at
   * least once and stops at a limit needs no more)
   */
  readonly cap?: number;
}

/** What a search matched, as node ids. */
export interface SearchResult {
  /** nodes at the last level; each is reported as a branch, a leaf, or both */
  readonly nodes: ArrayLike<number>;
  /** branches matched by an empty last element: reported as `path.` */
  readonly stayed: ArrayLike<number>;
}

/** The nodes of a search result as find answers them, at most `limit` of them. */
export function toMetricNodes(tree: MetricTree, result: SearchResult, opts: SearchOptions): MetricNode[] {
  return runWhole(metricNodesWork(tree, result, opts));
}

/** toMetricNodes as work in steps (WorkSlicer.run). */
export function* metricNodesWork(tree: MetricTree, result: SearchResult, opts: SearchOptions): Generator<void, MetricNode[]> {
  const paths = new PathBuilder(tree);
  const out: MetricNode[] = [];
  const { nodes, stayed } = result;
  for (let i = 0; i < nodes.length && out.length < opts.limit; i++) {
    const node = nodes[i];
    const branch = !opts.leavesOnly && tree.isBranch(node);
    const leaf = tree.isLeaf(node);
    if (!branch && !leaf) continue;
    const path = paths.of(node);
    if (branch) out.push({ path, isLeaf: false });
    if (leaf && out.length < opts.limit) out.push({ path, isLeaf: true });
    if (i % NODES_PER_STEP === NODES_PER_STEP - 1) yield;
  }
  if (!opts.leavesOnly) {
    for (let i = 0; i < stayed.length && out.length < opts.limit; i++) {
      const node = stayed[i];
      out.push({ path: node === ROOT ? '' : `${paths.of(node)}.`, isLeaf: false });
    }
  }
  return out;
}

class Search {
  private readonly n: number;
  /** per level: pair ids of the literal variants that exist at that position */
  private readonly literalPairs: Int32Array[] = [];
  /** per level: every pair at that position has been judged (unmarked means no) */
  private readonly judged: boolean[] = [];
  private readonly pairYes: number;
  private readonly pairNo: number;
  /** how many nodes the step being run may produce */
  private cap = Infinity;
  /** nodes visited, for the steps of the work */
  private visited = 0;

  constructor(
    private readonly tree: MetricTree,
    private readonly scratch: SearchScratch,
    private readonly elements: readonly ElementMatcher[],
    private readonly smallScan: number,
    private readonly finalCap: number,
  ) {
    this.n = elements.length;
    this.pairYes = scratch.nextEpoch();
    this.pairNo = scratch.nextEpoch();
  }

  /** true every NODES_PER_STEP nodes visited: the caller yields a step of work */
  private stepDone(): boolean {
    return ++this.visited % NODES_PER_STEP === 0;
  }

  *run(): Generator<void, Int32Array> {
    const { tree, elements, n } = this;
    // literal pairs first: a literal that exists nowhere at its position ends the search
    for (let d = 0; d < n; d++) {
      const e = elements[d];
      const pairs: number[] = [];
      for (const lit of e.literals) {
        const seg = tree.segments.lookup(lit);
        const p = seg < 0 ? -1 : tree.lookupPair(d, seg);
        if (p >= 0 && tree.pairCount[p] > 0) {
          pairs.push(p);
          this.scratch.pairMark[p] = this.pairYes;
        }
      }
      this.literalPairs.push(Int32Array.from(pairs));
      this.judged.push(e.test === null);
      if (e.test === null && pairs.length === 0) return new Int32Array(0);
    }

    let frontier = new IntList(1);
    frontier.push(ROOT);
    for (let d = 0; d < n && frontier.length > 0; ) {
      const jump = this.bestJump(frontier, d);
      if (jump >= 0) {
        this.cap = jump === n - 1 ? this.finalCap : Infinity;
        frontier = yield* this.jumpTo(frontier, d, jump);
        d = jump + 1;
      } else {
        this.cap = d === n - 1 ? this.finalCap : Infinity;
        frontier = yield* this.step(frontier, d);
        d++;
      }
    }
    return frontier.data.subarray(0, frontier.length);
  }

  /** Cost of listing the children of F. */
  private childrenOf(frontier: IntList): number {
    let total = 0;
    for (let i = 0; i < frontier.length; i++) total += this.tree.childCount[frontier.data[i]];
    return total;
  }

  /** A later literal level whose posting lists beat expanding level d from F, or -1. */
  private bestJump(frontier: IntList, d: number): number {
    const scan = this.elements[d].test === null ? frontier.length * this.literalPairs[d].length : this.childrenOf(frontier);
    if (scan <= this.smallScan) return -1;
    let best = -1;
    let bestCost = scan;
    for (let q = d + 1; q < this.n; q++) {
      if (this.elements[q].test !== null) continue;
      let postings = 0;
      for (const p of this.literalPairs[q]) postings += this.tree.pairCount[p];
      const cost = postings * (q - d + 1);
      if (cost < bestCost) {
        best = q;
        bestCost = cost;
      }
    }
    return best;
  }

  /** Nodes of level q (a literal level) under F whose ancestors match levels d..q-1. */
  private *jumpTo(frontier: IntList, d: number, q: number): Generator<void, IntList> {
    const tree = this.tree;
    const scratch = this.scratch;
    const inFrontier = scratch.nextEpoch();
    const yes = scratch.nextEpoch();
    const no = scratch.nextEpoch();
    for (let i = 0; i < frontier.length; i++) scratch.mark[frontier.data[i]] = inFrontier;
    const out = new IntList();
    const verify = (a: number, k: number): boolean => {
      if (k < d) return scratch.mark[a] === inFrontier;
      const m = scratch.mark[a];
      if (m === yes) return true;
      if (m === no) return false;
      const ok = this.pairMatches(tree.pair[a], k) && verify(tree.parent[a], k - 1);
      scratch.mark[a] = ok ? yes : no;
      return ok;
    };
    for (const p of this.literalPairs[q]) {
      for (let c = tree.pairHead[p]; c !== -1; c = tree.nextInPair[c]) {
        if (verify(tree.parent[c], q - 1) && out.push(c) >= this.cap) return out;
        if (this.stepDone()) yield;
      }
    }
    return out;
  }

  /** Level d from F. */
  private *step(frontier: IntList, d: number): Generator<void, IntList> {
    const tree = this.tree;
    const e = this.elements[d];
    const out = new IntList();
    if (e.test === null) {
      const pairs = this.literalPairs[d];
      let postings = 0;
      for (const p of pairs) postings += tree.pairCount[p];
      if (postings < frontier.length * pairs.length) return yield* this.postingsUnder(frontier, pairs);
      for (let i = 0; i < frontier.length; i++) {
        const f = frontier.data[i];
        for (const p of pairs) {
          const c = tree.lookupChild(f, p);
          if (c !== -1 && out.push(c) >= this.cap) return out;
        }
        if (this.stepDone()) yield;
      }
      return out;
    }
    if (e.matchesAll) {
      // `*`: every child, nothing to judge
      for (let i = 0; i < frontier.length; i++) {
        for (let c = tree.firstChild[frontier.data[i]]; c !== -1; c = tree.nextSibling[c]) {
          if (out.push(c) >= this.cap) return out;
          if (this.stepDone()) yield;
        }
      }
      return out;
    }
    const scan = this.childrenOf(frontier);
    const distinct = tree.pairsAtPos[d]?.length ?? 0;
    if (scan > this.smallScan && distinct < scan) {
      // judge every segment at this position once, then take the cheaper way to the nodes
      const matching: number[] = [];
      let postings = 0;
      const list = tree.pairsAtPos[d];
      for (let i = 0; i < list.length; i++) {
        const p = list.data[i];
        if (tree.pairCount[p] > 0 && this.pairMatches(p, d)) {
          matching.push(p);
          postings += tree.pairCount[p];
        }
        if (this.stepDone()) yield;
      }
      this.judged[d] = true;
      if (postings < scan) return yield* this.postingsUnder(frontier, matching);
    }
    for (let i = 0; i < frontier.length; i++) {
      for (let c = tree.firstChild[frontier.data[i]]; c !== -1; c = tree.nextSibling[c]) {
        if (this.pairMatches(tree.pair[c], d) && out.push(c) >= this.cap) return out;
        if (this.stepDone()) yield;
      }
    }
    return out;
  }

  /** Nodes in the posting lists of `pairs` whose parent is in F. */
  private *postingsUnder(frontier: IntList, pairs: ArrayLike<number>): Generator<void, IntList> {
    const tree = this.tree;
    const out = new IntList();
    if (frontier.length === 1) {
      const only = frontier.data[0];
      for (let i = 0; i < pairs.length; i++) {
        for (let c = tree.pairHead[pairs[i]]; c !== -1; c = tree.nextInPair[c]) {
          if (tree.parent[c] === only && out.push(c) >= this.cap) return out;
          if (this.stepDone()) yield;
        }
      }
      return out;
    }
    const scratch = this.scratch;
    const inFrontier = scratch.nextEpoch();
    for (let i = 0; i < frontier.length; i++) scratch.mark[frontier.data[i]] = inFrontier;
    for (let i = 0; i < pairs.length; i++) {
      for (let c = tree.pairHead[pairs[i]]; c !== -1; c = tree.nextInPair[c]) {
        if (scratch.mark[tree.parent[c]] === inFrontier && out.push(c) >= this.cap) return out;
        if (this.stepDone()) yield;
      }
    }
    return out;
  }

  /** Whether the segment of pair `p` matches level d, remembered per pair for this search. */
  private pairMatches(p: number, d: number): boolean {
    if (this.elements[d].matchesAll) return true;
    const tree = this.tree;
    const m = this.scratch.pairMark[p];
    if (m === this.pairYes) return true;
    if (m === this.pairNo || this.judged[d]) return false;
    const test = this.elements[d].test;
    const ok = test !== null && test(tree.segments.text(tree.pairSeg[p]));
    this.scratch.pairMark[p] = ok ? this.pairYes : this.pairNo;
    return ok;
  }
}

/**
 * Paths of result nodes. Results come grouped by parent, so the last path built at each depth
 * is remembered and most ancestors cost nothing.
 */
class PathBuilder {
  private readonly lastNode: number[] = [];
  private readonly lastPath: string[] = [];

  constructor(private readonly tree: MetricTree) {}

  of(node: number): string {
    if (node === ROOT) return '';
    const tree = this.tree;
    const pos = tree.pairPos[tree.pair[node]];
    if (this.lastNode[pos] === node) return this.lastPath[pos];
    const up = tree.parent[node];
    const seg = tree.segments.text(tree.pairSeg[tree.pair[node]]);
    const path = up === ROOT ? seg : `${this.of(up)}.${seg}`;
    this.lastNode[pos] = node;
    this.lastPath[pos] = path;
    return path;
  }
}

/**
 * The walk for patterns with an empty element (`a..b`, `a.{,b}`, a trailing dot) or a `**`.
 * Rare, so a plain top-down walk that mirrors graphite-web's directory recursion:
 * - an empty element is joined onto the directory it is in, so the walk stays on that branch;
 *   when it is the last element the branch is returned with a trailing dot (the root as "");
 * - `**` continues from every branch below the current one and the current one itself, and
 *   when it is last, `*` follows. At the root graphite-web's walk mangles every directory name
 *   except the root's own, so there `**` continues from the root only.
 */
function* walkTopDown(tree: MetricTree, scratch: SearchScratch, input: readonly ElementMatcher[], cap: number): Generator<void, SearchResult> {
  const elements = [...input];
  if (elements[elements.length - 1].globstar) elements.push(STAR);
  let frontier = new IntList(1);
  frontier.push(ROOT);
  const stayed = new IntList(0);
  for (let d = 0; d < elements.length; d++) {
    const e = elements[d];
    const last = d === elements.length - 1;
    // a node reached at this level, and (last level only) a branch kept by an empty element:
    // the same node can be both, answered as `a.b` and as `a.b.`
    const seen = scratch.nextEpoch();
    const next = new IntList();
    const add = (node: number) => {
      if (scratch.mark[node] === seen) return;
      scratch.mark[node] = seen;
      next.push(node);
    };
    const stayedSeen = new Set<number>();
    for (let i = 0; i < frontier.length; i++) {
      if (last && next.length + stayed.length >= cap) break;
      const f = frontier.data[i];
      if (e.globstar) {
        add(f);
        if (f !== ROOT) forEachBranchBelow(tree, f, add);
        continue;
      }
      if (e.matchesEmpty && (f === ROOT || tree.isBranch(f))) {
        if (!last) add(f);
        else if (!stayedSeen.has(f)) {
          stayedSeen.add(f);
          stayed.push(f);
        }
      }
      for (const lit of e.literals) {
        const c = tree.child(f, lit);
        if (c !== -1) add(c);
      }
      if (e.test !== null) {
        for (let c = tree.firstChild[f]; c !== -1; c = tree.nextSibling[c]) if (e.test(tree.segmentText(c))) add(c);
      }
      if (i % 256 === 255) yield;
    }
    frontier = next;
  }
  return { nodes: frontier.data.subarray(0, frontier.length), stayed: stayed.data.subarray(0, stayed.length) };
}

const STAR: ElementMatcher = { literals: [], test: () => true, matchesEmpty: false, globstar: false, matchesAll: true };

function forEachBranchBelow(tree: MetricTree, node: number, visit: (branch: number) => void): void {
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (let c = tree.firstChild[n]; c !== -1; c = tree.nextSibling[c]) {
      if (tree.isBranch(c)) {
        visit(c);
        stack.push(c);
      }
    }
  }
}
