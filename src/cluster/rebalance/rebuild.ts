import type { ClusterConfig } from '../../config/schema.js';
import type { ClusterNode } from '../cluster-map.js';
import { ClusterTool } from './cluster-tool.js';
import { COPY_BATCH, type RebalanceOptions } from './rebalance.js';

export type RebuildOptions = Pick<RebalanceOptions, 'dryRun' | 'log' | 'maxAnswerBytes' | 'now'>;

export interface RebuildReport {
  /** series the node owns that another node holds */
  owned: number;
  /** of them, series copied to the node */
  copied: number;
  /** points written to it */
  points: number;
  /** what went wrong, if anything */
  errors: string[];
}

/**
 * `carbyne rebuild NODE`: a shared-nothing node whose data directory was lost (or replaced) gets
 * back every series it owns from the other nodes holding it: each is copied once, from its
 * first owner in the ring's order that holds it (the primary before the replicas; a node
 * holding it without owning it, as before a rebalance, only when no owner does), every
 * resolution, as `carbyne rebalance` copies (ClusterTool.copy). The node keeps taking points
 * meanwhile; copies are idempotent, so the command can run again after a failure.
 */
export async function rebuild(config: ClusterConfig, nodeName: string, opts: RebuildOptions): Promise<RebuildReport> {
  const tool = new ClusterTool(config, opts.maxAnswerBytes ?? 1024 ** 3);
  const map = tool.map;
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  const report: RebuildReport = { owned: 0, copied: 0, points: 0, errors: [] };
  try {
    const target = map.nodes.find((n) => n.name === nodeName);
    if (target === undefined) throw new Error(`no node named ${nodeName} in cluster.nodes`);
    // who holds each series the node owns
    const holders = new Map<string, ClusterNode[]>();
    for (const node of map.nodes) {
      if (node === target) continue;
      let names: string[];
      try {
        names = await tool.series(node);
      } catch (err) {
        report.errors.push(`${node.name}: listing its series: ${(err as Error).message}`);
        opts.log(`${node.name}: cannot list its series: ${(err as Error).message}`);
        continue;
      }
      let mine = 0;
      for (const name of names) {
        if (!map.ownerIndexes(name).includes(target.index)) continue;
        mine++;
        holders.set(name, [...(holders.get(name) ?? []), node]);
      }
      opts.log(`${node.name}: ${names.length} series, ${mine} of them owned by ${target.name}`);
    }
    report.owned = holders.size;
    const bySource = new Map<ClusterNode, string[]>();
    for (const [name, nodes] of holders) {
      const owners = map.ownerIndexes(name);
      const rank = (n: ClusterNode) => (owners.includes(n.index) ? owners.indexOf(n.index) : owners.length + n.index);
      const source = nodes.reduce((best, n) => (rank(n) < rank(best) ? n : best));
      bySource.set(source, [...(bySource.get(source) ?? []), name]);
    }
    for (const [source, names] of bySource) {
      names.sort();
      for (let i = 0; i < names.length; i += COPY_BATCH) {
        const batch = names.slice(i, i + COPY_BATCH);
        if (opts.dryRun) {
          for (const name of batch) opts.log(`  ${name}: ${source.name} -> ${target.name}`);
          continue;
        }
        try {
          const { copied, points } = await tool.copy(batch, source, () => [target.index], now());
          report.copied += copied.length;
          report.points += points;
        } catch (err) {
          report.errors.push(`${source.name}: ${(err as Error).message}`);
          opts.log(`${source.name}: a batch of ${batch.length} series failed: ${(err as Error).message}`);
        }
      }
    }
    if (!opts.dryRun) opts.log(`${target.name}: ${report.copied} of ${report.owned} series copied (${report.points} points)`);
  } finally {
    tool.close();
  }
  return report;
}
