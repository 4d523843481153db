import type { ClusterConfig } from '../../config/schema.js';
import { seriesNameOf } from '../../finders/tagged-path.js';
import type { FetchedSeries } from '../../readers/series-reader.js';
import type { StorageSchema } from '../../series/types.js';
import { ClusterMap, type ClusterNode } from '../cluster-map.js';
import { Peer } from '../peer/peer.js';
import { PeerClient } from '../peer/peer-client.js';

/** Series moved per round (one describe, a read per resolution, then the writes). */
const BATCH = 200;
/** Points per write call. */
const POINTS_PER_CALL = 50_000;

export interface RebalanceOptions {
  /** only say what would move */
  readonly dryRun: boolean;
  /** remove a series from a node that does not own it once every owner has it (buckytools' --delete) */
  readonly delete: boolean;
  /** where progress goes, a line at a time */
  readonly log: (line: string) => void;
  /** the largest answer a node may send (a batch's points), bytes */
  readonly maxAnswerBytes?: number;
  /** seconds since the epoch (the nodes' now) */
  readonly now?: () => number;
}

export interface NodeReport {
  /** series the node holds */
  leaves: number;
  /** of them, series it does not own */
  misplaced: number;
  /** series copied to their owners */
  copied: number;
  /** points written to owners */
  points: number;
  /** series removed from the node (--delete) */
  removed: number;
  /** what went wrong, if anything */
  errors: string[];
}

/**
 * `carbyne rebalance`: after `cluster.nodes` changed (a node added), every node is asked for the
 * series it holds; each one the new ring does not give it is copied to its owners (every
 * resolution, from the node's stored and hot data, written as points into the owners' engines,
 * which route old points to the resolution that keeps them, as whisper's update_many), and with
 * `delete` then removed from the node. Like buckytools' rebalance for go-carbon; it runs from
 * anywhere that reaches every node's HTTP address, and can run again (copies are idempotent).
 */
export async function rebalance(config: ClusterConfig, opts: RebalanceOptions): Promise<Record<string, NodeReport>> {
  const map = new ClusterMap({ ...config, self: config.self !== '' ? config.self : config.nodes[0].name });
  const peers = new Map<number, Peer>();
  for (const node of map.nodes) peers.set(node.index, new Peer(node.name, new PeerClient(node.name, node.url, { maxAnswerBytes: opts.maxAnswerBytes ?? 1024 ** 3 })));
  const deadline = () => Date.now() + config.timeoutMs;
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  const reports: Record<string, NodeReport> = {};
  try {
    for (const node of map.nodes) {
      const report: NodeReport = { leaves: 0, misplaced: 0, copied: 0, points: 0, removed: 0, errors: [] };
      reports[node.name] = report;
      const peer = peers.get(node.index)!;
      let names: string[];
      try {
        names = [...new Set((await peer.request({ op: 'leaves' }, deadline(), { evenIfDown: true })).paths.map(seriesNameOf))];
      } catch (err) {
        report.errors.push(`listing its series: ${(err as Error).message}`);
        opts.log(`${node.name}: cannot list its series: ${(err as Error).message}`);
        continue;
      }
      report.leaves = names.length;
      const misplaced = names.filter((n) => !map.ownerIndexes(n).includes(node.index));
      report.misplaced = misplaced.length;
      opts.log(`${node.name}: ${names.length} series, ${misplaced.length} owned by other nodes`);
      for (let i = 0; i < misplaced.length; i += BATCH) {
        const batch = misplaced.slice(i, i + BATCH);
        if (opts.dryRun) {
          for (const name of batch) opts.log(`  ${name}: ${node.name} -> ${map.owners(name).map((o) => o.name).join(', ')}`);
          continue;
        }
        try {
          await moveBatch(batch, node, map, peers, deadline, now(), opts, report);
        } catch (err) {
          report.errors.push((err as Error).message);
          opts.log(`${node.name}: a batch of ${batch.length} series failed: ${(err as Error).message}`);
        }
      }
      if (!opts.dryRun) opts.log(`${node.name}: ${report.copied} series copied (${report.points} points)${opts.delete ? `, ${report.removed} removed` : ''}`);
    }
  } finally {
    for (const p of peers.values()) p.close();
  }
  return reports;
}

async function moveBatch(
  batch: readonly string[],
  source: ClusterNode,
  map: ClusterMap,
  peers: ReadonlyMap<number, Peer>,
  deadline: () => number,
  now: number,
  opts: RebalanceOptions,
  report: NodeReport,
): Promise<void> {
  const from = peers.get(source.index)!;
  const schemas = await from.request({ op: 'describe', names: batch }, deadline(), { evenIfDown: true });
  // series of one schema are read together, one range per resolution
  const bySchema = new Map<string, { schema: StorageSchema; names: string[] }>();
  batch.forEach((name, k) => {
    const schema = schemas[k];
    if (schema === null) return;
    const key = JSON.stringify(schema.retentions);
    const group = bySchema.get(key) ?? { schema, names: [] };
    group.names.push(name);
    bySchema.set(key, group);
  });
  const points = new Map<string, { values: number[]; timestamps: number[] }>();
  for (const { schema, names } of bySchema.values()) {
    for (const range of resolutionRanges(schema, now)) {
      const series = await from.request({ op: 'fetch', names, from: range.from, until: range.until, now, layers: 'all' }, deadline(), { evenIfDown: true });
      series.forEach((s, k) => addPoints(points, names[k], s, range));
    }
  }
  // to each owner, every series of the batch it owns
  const byOwner = new Map<number, string[]>();
  for (const name of points.keys()) for (const o of map.ownerIndexes(name)) if (o !== source.index) byOwner.set(o, [...(byOwner.get(o) ?? []), name]);
  for (const [owner, names] of byOwner) {
    const to = peers.get(owner)!;
    let call = { names: [] as string[], values: [] as number[], timestamps: [] as number[] };
    const send = async () => {
      if (call.names.length === 0) return;
      await to.request({ op: 'points', names: call.names, values: Float64Array.from(call.values), timestamps: Float64Array.from(call.timestamps) }, deadline(), { evenIfDown: true });
      report.points += call.names.length;
      call = { names: [], values: [], timestamps: [] };
    };
    for (const name of names) {
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
  report.copied += points.size;
  if (opts.delete) {
    // only what reached every owner above (a failure threw before this)
    const gone = await from.request({ op: 'remove', names: [...points.keys()] }, deadline(), { evenIfDown: true });
    report.removed += gone.removed;
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
