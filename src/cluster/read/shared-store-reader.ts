import { seriesNameOf } from '../../finders/tagged-path.js';
import type { FetchedSeries, SeriesReader } from '../../readers/series-reader.js';
import type { ClusterMap } from '../cluster-map.js';
import type { FanOut } from './fan-out.js';

/**
 * Series of a shared-store cluster: the store has what every node persisted, so this node reads
 * it itself, and asks only each series' other owners for what they hold in memory (hot and
 * closed-but-unpersisted windows, `layers: 'hot'`), one call per node, before its own read (a
 * window an owner persists meanwhile is then in the one or the other). Their values overlay the
 * stored ones, the owner listed first winning, a node catching up last. A series none of whose
 * owners answered (this node not one of them) is read from the store alone, and the request's
 * scope says its answer is partial.
 */
export class SharedStoreReader implements SeriesReader {
  constructor(
    private readonly local: SeriesReader,
    private readonly map: ClusterMap,
    private readonly fanOut: FanOut,
    /** whether a node is caught up (its data may lag while it is not) */
    private readonly caughtUp: (node: number) => boolean,
  ) {}

  async fetch(name: string, from: number, until: number, now: number): Promise<FetchedSeries | null> {
    return (await this.fetchMany([name], from, until, now))[0];
  }

  async fetchMany(names: readonly string[], from: number, until: number, now: number): Promise<Array<FetchedSeries | null>> {
    const scope = this.fanOut.scope();
    if (scope.local) return this.local.fetchMany(names, from, until, now);
    const self = this.map.self.index;
    const owners = names.map((name) => this.map.ownerIndexes(seriesNameOf(name)));
    const asked = new Map<number, number[]>();
    owners.forEach((list, i) => {
      for (const o of list) {
        if (o === self) continue;
        let positions = asked.get(o);
        if (positions === undefined) asked.set(o, (positions = []));
        positions.push(i);
      }
    });
    const hot = await this.fanOut.ask(
      [...asked.keys()].map((n) => this.map.nodes[n]),
      (node) => ({ op: 'fetch', names: asked.get(node.index)!.map((i) => names[i]), from, until, now, layers: 'hot' }),
      scope,
    );
    const stored = await this.local.fetchMany(names, from, until, now);

    // per name: the hot answers of the nodes that gave one
    const byName = names.map(() => new Map<number, FetchedSeries | null>());
    for (const a of hot) {
      if (!a.ok) continue;
      asked.get(a.node.index)!.forEach((i, k) => byName[i].set(a.node.index, a.answer[k]));
    }
    const missed = new Set<string>();
    const out = names.map((_, i) => {
      const answered = owners[i].includes(self) || byName[i].size > 0;
      if (!answered) for (const o of owners[i]) missed.add(this.map.nodes[o].name);
      // the owner listed first matters most, a node catching up least: applied last and first
      const rank = (o: number) => owners[i].indexOf(o) + (this.caughtUp(o) ? 0 : owners[i].length);
      const order = owners[i].filter((o) => byName[i].has(o)).sort((x, y) => rank(y) - rank(x));
      let merged = stored[i];
      for (const o of order) merged = overlay(merged, byName[i].get(o)!);
      return merged;
    });
    scope.miss(missed);
    return out;
  }
}

/** `hot`'s values over `base`'s where it has one (same shape); the one that exists when the other does not. */
function overlay(base: FetchedSeries | null, hot: FetchedSeries | null): FetchedSeries | null {
  if (hot === null) return base;
  if (base === null) return hot;
  if (hot.start !== base.start || hot.step !== base.step || hot.values.length !== base.values.length) return base;
  const values = base.values.slice();
  for (let k = 0; k < values.length; k++) if (hot.values[k] === hot.values[k]) values[k] = hot.values[k];
  return { ...base, values };
}
