import { seriesNameOf } from '../../finders/tagged-path.js';
import type { FetchedSeries, SeriesReader } from '../../readers/series-reader.js';
import type { ClusterMap } from '../cluster-map.js';
import type { ReadScope } from '../read-scope.js';
import type { FanOut } from './fan-out.js';
import { mergeSeries } from './series-merge.js';

/**
 * Series of the whole cluster (shared nothing): each name is read from its owners and from
 * every node whose find returned it during this request (a series still on its old owner
 * after a node was added), one call per node for all of its names, and the answers merged
 * (mergeSeries, primary owner first, a node catching up last). A name none of whose nodes answered is missing: the
 * request's scope says so, and the series is left out as if it had no data.
 */
export class ClusterReader implements SeriesReader {
  constructor(
    private readonly local: SeriesReader,
    private readonly map: ClusterMap,
    private readonly fanOut: FanOut,
    /** whether a node is caught up: one catching up on what it missed only fills the others' gaps */
    private readonly caughtUp: (node: number) => boolean = () => true,
  ) {}

  async fetch(name: string, from: number, until: number, now: number): Promise<FetchedSeries | null> {
    return (await this.fetchMany([name], from, until, now))[0];
  }

  async fetchMany(names: readonly string[], from: number, until: number, now: number): Promise<Array<FetchedSeries | null>> {
    const scope = this.fanOut.scope();
    if (scope.local) return this.local.fetchMany(names, from, until, now);
    const candidates = names.map((name) => this.candidates(name, scope));
    // node index -> positions in `names` it is asked for
    const asked = new Map<number, number[]>();
    candidates.forEach((nodes, i) => {
      for (const n of nodes) {
        let list = asked.get(n);
        if (list === undefined) asked.set(n, (list = []));
        list.push(i);
      }
    });
    const self = this.map.self.index;
    const own = asked.get(self);
    const remoteNodes = [...asked.keys()].filter((n) => n !== self).map((n) => this.map.nodes[n]);
    const [ownAnswers, remote] = await Promise.all([
      own === undefined ? Promise.resolve([]) : this.local.fetchMany(own.map((i) => names[i]), from, until, now),
      this.fanOut.ask(remoteNodes, (node) => ({ op: 'fetch', names: asked.get(node.index)!.map((i) => names[i]), from, until, now, layers: 'all' }), scope),
    ]);

    // per name, per node: the answer (null: the node has no such series) or undefined: failed
    const byNode = new Map<number, Array<FetchedSeries | null> | undefined>();
    if (own !== undefined) byNode.set(self, ownAnswers);
    const failedNodes = new Map<number, string>();
    for (const a of remote) {
      byNode.set(a.node.index, a.ok ? a.answer : undefined);
      if (!a.ok) failedNodes.set(a.node.index, a.node.name);
    }
    const slot = new Map<number, Map<number, number>>();
    for (const [n, positions] of asked) slot.set(n, new Map(positions.map((p, k) => [p, k])));

    const missed = new Set<string>();
    const out = candidates.map((nodes, i) => {
      const found: FetchedSeries[] = [];
      let answered = false;
      for (const n of nodes) {
        const list = byNode.get(n);
        if (list === undefined) continue;
        answered = true;
        const s = list[slot.get(n)!.get(i)!];
        if (s) found.push(s);
      }
      if (!answered) for (const n of nodes) missed.add(failedNodes.get(n) ?? this.map.nodes[n].name);
      return found.length === 0 ? null : mergeSeries(found);
    });
    scope.miss(missed);
    return out;
  }

  /**
   * The owners of a name (primary first), then the other nodes whose finds returned it; nodes
   * catching up after them all (their answer may hold older values: it only fills gaps).
   */
  private candidates(name: string, scope: ReadScope): number[] {
    const out = [...this.map.ownerIndexes(seriesNameOf(name))];
    const holders = scope.holders.get(name);
    if (holders !== undefined) for (const h of [...holders].sort((a, b) => a - b)) if (!out.includes(h)) out.push(h);
    const behind = out.filter((n) => !this.caughtUp(n));
    return behind.length === 0 ? out : [...out.filter((n) => this.caughtUp(n)), ...behind];
  }
}
