import type { ClusterConfig } from '../../config/schema.js';
import { seriesNameOf } from '../../finders/tagged-path.js';
import type { FetchedSeries } from '../../readers/series-reader.js';
import type { StorageSchema } from '../../series/types.js';
import { ClusterMap, type ClusterNode } from '../cluster-map.js';
import { Peer } from '../peer/peer.js';
import { PeerClient } from '../peer/peer-client.js';

/** Points per write call. */
const POINTS_PER_CALL = 50_000;

/**
 * The cluster as a tool run from outside it sees it (`carbyne rebalance`, `carbyne rebuild`):
 * the ring, and a peer per node, every call made even to a node its probes would call down.
 */
export class ClusterTool {
  readonly map: ClusterMap;
  private readonly peers = new Map<number, Peer>();

  constructor(
    private readonly config: ClusterConfig,
    /** the largest answer a node may send (a batch's points), bytes */
    maxAnswerBytes: number,
  ) {
    this.map = new ClusterMap({ ...config, self: config.self !== '' ? config.self : config.nodes[0].name });
    for (const node of this.map.nodes) this.peers.set(node.index, new Peer(node.name, new PeerClient(node.name, node.url, { maxAnswerBytes })));
  }

  /** Display names of the series `node` holds (its own index's leaves). */
  async series(node: ClusterNode): Promise<string[]> {
    const { paths } = await this.peer(node).request({ op: 'leaves' }, this.deadline(), { evenIfDown: true });
    return [...new Set(paths.map(seriesNameOf))];
  }

  /**
   * Copies the series `names` from `source` to the nodes `targets(name)` lists (node indexes),
   * every resolution: each resolution's span is read from the source's stored and hot data
   * (`layers: 'all'`) and written into the targets' engines as points, which route old points
   * to the resolution that keeps them, as whisper's update_many does. Idempotent. Resolves with
   * the names the source had a schema for (the ones copied) and the points written.
   */
  async copy(names: readonly string[], source: ClusterNode, targets: (name: string) => readonly number[], now: number): Promise<{ copied: string[]; points: number }> {
    const from = this.peer(source);
    const schemas = await from.request({ op: 'describe', names }, this.deadline(), { evenIfDown: true });
    // series of one schema are read together, one range per resolution
    const bySchema = new Map<string, { schema: StorageSchema; names: string[] }>();
    names.forEach((name, k) => {
      const schema = schemas[k];
      if (schema === null) return;
      const key = JSON.stringify(schema.retentions);
      const group = bySchema.get(key) ?? { schema, names: [] };
      group.names.push(name);
      bySchema.set(key, group);
    });
    const points = new Map<string, { values: number[]; timestamps: number[] }>();
    for (const { schema, names: group } of bySchema.values()) {
      for (const range of resolutionRanges(schema, now)) {
        const series = await from.request({ op: 'fetch', names: group, from: range.from, until: range.until, now, layers: 'all' }, this.deadline(), { evenIfDown: true });
        series.forEach((s, k) => addPoints(points, group[k], s, range));
      }
    }
    // to each target, every series of the batch it is to get
    const byTarget = new Map<number, string[]>();
    for (const name of points.keys()) for (const t of targets(name)) byTarget.set(t, [...(byTarget.get(t) ?? []), name]);
    let written = 0;
    for (const [target, list] of byTarget) {
      const to = this.peers.get(target)!;
      let call = { names: [] as string[], values: [] as number[], timestamps: [] as number[] };
      const send = async () => {
        if (call.names.length === 0) return;
        await to.request({ op: 'points', names: call.names, values: Float64Array.from(call.values), timestamps: Float64Array.from(call.timestamps) }, this.deadline(), { evenIfDown: true });
        written += call.names.length;
        call = { names: [], values: [], timestamps: [] };
      };
      for (const name of list) {
        const p = points.get(name)!;
        for (let k = 0; k < p.values.length; k++) {
          call.names.push(name);
          call.values.push(p.values[k]);
          call.timestamps.push(p.timestamps[k]);
          if (call.names.length >= POINTS_PER_CALL) await send();
        }
      }
      await send();
    }
    return { copied: [...points.keys()], points: written };
  }

  /** Removes the series from `node` for good; how many it had. */
  async remove(node: ClusterNode, names: readonly string[]): Promise<number> {
    return (await this.peer(node).request({ op: 'remove', names }, this.deadline(), { evenIfDown: true })).removed;
  }

  close(): void {
    for (const p of this.peers.values()) p.close();
  }

  private peer(node: ClusterNode): Peer {
    return this.peers.get(node.index)!;
  }

  private deadline(): number {
    return Date.now() + this.config.timeoutMs;
  }
}

/**
 * The time ranges a whisper-style read answers from each resolution: the finest covers
 * (now - its retention, now], each coarser one the span before the finer one's.
 */
export function resolutionRanges(schema: StorageSchema, now: number): Array<{ from: number; until: number; step: number }> {
  const out: Array<{ from: number; until: number; step: number }> = [];
  let until = now;
  for (const r of schema.retentions) {
    const from = now - r.retention;
    if (from < until) out.push({ from, until, step: r.step });
    until = from;
  }
  return out;
}

function addPoints(points: Map<string, { values: number[]; timestamps: number[] }>, name: string, s: FetchedSeries | null, range: { from: number; until: number }): void {
  let p = points.get(name);
  if (p === undefined) points.set(name, (p = { values: [], timestamps: [] }));
  if (s === null) return;
  for (let k = 0; k < s.values.length; k++) {
    const v = s.values[k];
    const ts = s.start + k * s.step;
    // the read's buckets may reach past its range by one step: the next range has those
    if (v === v && ts > range.from && ts <= range.until) {
      p.values.push(v);
      p.timestamps.push(ts);
    }
  }
}
