import type { FindOptions, MetricIndex, MetricNode } from '../../finders/metric-index.js';
import { compareCodePoints } from '../../finders/node-order.js';
import { allLeaves } from '../../finders/all-leaves.js';
import type { MetricName } from '../../series/types.js';
import type { ClusterMap } from '../cluster-map.js';
import type { ReadScope } from '../read-scope.js';
import type { FanOut, NodeAnswer } from './fan-out.js';

/**
 * The metric tree of the whole cluster: a find asks every node (this one's own index, the
 * others over the wire) and answers the union, each path once as a branch and once as a leaf,
 * as graphite-web merges its cluster servers' finds. The nodes each leaf came from are noted in
 * the request's scope, so that its series are read from them. Writes (register, delete) stay
 * with this node's own index: each node indexes what it stores.
 */
export class ClusterIndex implements MetricIndex {
  constructor(
    private readonly local: MetricIndex,
    private readonly map: ClusterMap,
    private readonly fanOut: FanOut,
    /** the index already holds every node's series (a shared index): finds need not fan out */
    private readonly indexIsShared = false,
  ) {}

  find(pattern: string, opts: FindOptions = {}): AsyncIterable<MetricNode> {
    const scope = this.fanOut.scope();
    if (scope.local || this.indexIsShared) return this.local.find(pattern, opts);
    const run = () => this.findEverywhere(pattern, opts, scope);
    return {
      async *[Symbol.asyncIterator]() {
        yield* await run();
      },
    };
  }

  private async findEverywhere(pattern: string, opts: FindOptions, scope: ReadScope): Promise<MetricNode[]> {
    const [own, remote] = await Promise.all([
      collect(this.local.find(pattern, opts)),
      this.fanOut.ask(this.map.others, () => ({ op: 'find', pattern, from: opts.from, until: opts.until, leavesOnly: opts.leavesOnly ?? false, limit: opts.limit }), scope),
    ]);
    const answers: Array<NodeAnswer<MetricNode[]>> = [{ node: this.map.self, ok: true, answer: own }, ...remote];
    noteFailures(answers, this.map, scope);
    const seen = new Set<string>();
    const out: MetricNode[] = [];
    for (const a of answers) {
      if (!a.ok) continue;
      for (const node of a.answer) {
        if (node.isLeaf) scope.addHolder(node.path, a.node.index);
        const key = (node.isLeaf ? 'L' : 'B') + node.path;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(node);
      }
    }
    return opts.limit !== undefined && out.length > opts.limit ? out.slice(0, opts.limit) : out;
  }

  /**
   * Every leaf of every node, sorted by code point, each once (each node's listing is whole: a
   * listing of 10 M leaves is what /metrics/index.json builds in memory anyway).
   */
  leaves(): AsyncIterable<string> {
    const scope = this.fanOut.scope();
    const local = this.local;
    if (scope.local || this.indexIsShared) return localLeaves(local);
    const map = this.map;
    const fanOut = this.fanOut;
    return {
      async *[Symbol.asyncIterator]() {
        const [own, remote] = await Promise.all([collect(localLeaves(local)), fanOut.ask(map.others, () => ({ op: 'leaves' }), scope)]);
        const lists: string[][] = [own];
        const answers: Array<NodeAnswer<unknown>> = [{ node: map.self, ok: true, answer: own }, ...remote];
        noteFailures(answers, map, scope);
        for (const a of remote) if (a.ok) lists.push(a.answer.paths);
        yield* mergeSorted(lists);
      },
    };
  }

  register(names: readonly MetricName[]): Promise<void> {
    return this.local.register(names);
  }

  delete(pattern: string): Promise<number> {
    return this.local.delete(pattern);
  }

  unregister(names: readonly MetricName[]): Promise<number> {
    return this.local.unregister(names);
  }

  close(): Promise<void> {
    return this.local.close();
  }
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** The local index's leaves in its own order, or by walking its tree when it lists none. */
async function* localLeaves(index: MetricIndex): AsyncIterable<string> {
  if (index.leaves) {
    yield* index.leaves();
    return;
  }
  yield* (await allLeaves(index)).sort(compareCodePoints);
}

/**
 * Nodes that did not answer a find: its answer may miss what only they hold. With every series
 * on `replicas` nodes, fewer failures than that leave each series a node that answered.
 */
export function noteFailures(answers: ReadonlyArray<NodeAnswer<unknown>>, map: ClusterMap, scope: ReadScope): void {
  const failed = answers.filter((a) => !a.ok);
  if (failed.length >= map.config.replicas) scope.miss(failed.map((a) => a.node.name));
}

/** The union of sorted lists, sorted, each string once. */
export function* mergeSorted(lists: readonly string[][]): Iterable<string> {
  const at = lists.map(() => 0);
  let last: string | undefined;
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      if (at[i] >= lists[i].length) continue;
      if (best < 0 || compareCodePoints(lists[i][at[i]], lists[best][at[best]]) < 0) best = i;
    }
    if (best < 0) return;
    const s = lists[best][at[best]++];
    if (s !== last) yield s;
    last = s;
  }
}
