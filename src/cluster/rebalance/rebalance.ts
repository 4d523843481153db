import type { ClusterConfig } from '../../config/schema.js';
import type { ClusterNode } from '../cluster-map.js';
import { ClusterTool } from './cluster-tool.js';

/** Series moved per round (one describe, a read per resolution, then the writes). */
export const COPY_BATCH = 200;

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
 * ClusterTool.copy), and with `delete` then removed from the node. Like buckytools' rebalance
 * for go-carbon; it runs from anywhere that reaches every node's HTTP address, and can run again
 * (copies are idempotent).
 */
export async function rebalance(config: ClusterConfig, opts: RebalanceOptions): Promise<Record<string, NodeReport>> {
  const tool = new ClusterTool(config, opts.maxAnswerBytes ?? 1024 ** 3);
  const map = tool.map;
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  const reports: Record<string, NodeReport> = {};
  try {
    for (const node of map.nodes) {
      const report: NodeReport = { leaves: 0, misplaced: 0, copied: 0, points: 0, removed: 0, errors: [] };
      reports[node.name] = report;
      let names: string[];
      try {
        names = await tool.series(node);
      } catch (err) {
        report.errors.push(`listing its series: ${(err as Error).message}`);
        opts.log(`${node.name}: cannot list its series: ${(err as Error).message}`);
        continue;
      }
      report.leaves = names.length;
      const misplaced = names.filter((n) => !map.ownerIndexes(n).includes(node.index));
      report.misplaced = misplaced.length;
      opts.log(`${node.name}: ${names.length} series, ${misplaced.length} owned by other nodes`);
      for (let i = 0; i < misplaced.length; i += COPY_BATCH) {
        const batch = misplaced.slice(i, i + COPY_BATCH);
        if (opts.dryRun) {
          for (const name of batch) opts.log(`  ${name}: ${node.name} -> ${map.owners(name).map((o) => o.name).join(', ')}`);
          continue;
        }
        try {
          await moveBatch(tool, batch, node, now(), opts, report);
        } catch (err) {
          report.errors.push((err as Error).message);
          opts.log(`${node.name}: a batch of ${batch.length} series failed: ${(err as Error).message}`);
        }
      }
      if (!opts.dryRun) opts.log(`${node.name}: ${report.copied} series copied (${report.points} points)${opts.delete ? `, ${report.removed} removed` : ''}`);
    }
  } finally {
    tool.close();
  }
  return reports;
}

/** Copies a batch of misplaced series to their owners, then (--delete) removes them from `source`. */
async function moveBatch(tool: ClusterTool, batch: readonly string[], source: ClusterNode, now: number, opts: RebalanceOptions, report: NodeReport): Promise<void> {
  const { copied, points } = await tool.copy(batch, source, (name) => tool.map.ownerIndexes(name).filter((o) => o !== source.index), now);
  report.points += points;
  report.copied += copied.length;
  // only what reached every owner above (a failure threw before this)
  if (opts.delete) report.removed += await tool.remove(source, copied);
}
