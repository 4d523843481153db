import type { Config } from '../config/schema.js';
import { parseMetricName } from '../series/name.js';
import type { PersistDecision, PersistPolicy } from '../engine/flush/persist-policy.js';
import { WhisperReader } from '../readers/whisper-reader.js';
import { Cluster } from '../cluster/cluster.js';
import type { LocalParts } from '../cluster/local-node.js';
import type { MetricIndex } from '../finders/metric-index.js';
import type { TagIndex } from '../finders/tag-index.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Stats } from '../lib/stats.js';
import type { StorageService } from './storage-service.js';

/**
 * The engine's PersistPolicy in a shared-store cluster, given to the engine before the cluster
 * exists (the cluster reads through the engine): until the cluster sets its own, it holds every
 * closed window in memory.
 */
export class LatePersistPolicy implements PersistPolicy {
  private inner: PersistPolicy | undefined;

  set(policy: PersistPolicy | undefined): void {
    this.inner = policy;
  }

  roundStarting(now: number): unknown {
    return { inner: this.inner, token: this.inner?.roundStarting(now) };
  }

  roundEnded(token: unknown, ok: boolean): void {
    const t = token as { inner: PersistPolicy | undefined; token: unknown };
    t.inner?.roundEnded(t.token, ok);
  }

  decide(...args: Parameters<PersistPolicy['decide']>): PersistDecision {
    return this.inner?.decide(...args) ?? 'keep';
  }
}

/** The policy the engine needs when this node is in a shared-store cluster. */
export function latePersistPolicy(config: Config): LatePersistPolicy | undefined {
  return config.cluster.nodes.length > 0 && config.cluster.topology === 'shared-store' ? new LatePersistPolicy() : undefined;
}

export interface ClusterServiceDeps {
  readonly storage: StorageService;
  /** this node's own index (the backends') */
  readonly index: MetricIndex;
  readonly tagIndex?: TagIndex;
  /** the index backend holds every node's series */
  readonly indexIsShared: boolean;
  readonly clock: Clock;
  readonly stats: Stats;
  readonly logger: Logger;
  /** the engine's policy, to be set (shared store) */
  readonly persistPolicy?: LatePersistPolicy;
}

/** This node's own data as the node-to-node calls read and write it. */
export function localParts(deps: Pick<ClusterServiceDeps, 'storage' | 'index' | 'tagIndex'>): LocalParts {
  const engine = deps.storage.engine;
  return {
    index: deps.index,
    tagIndex: deps.tagIndex,
    reader: deps.storage.reader,
    // what this node holds in memory, for the other nodes' reads of a shared store
    hotReader: new WhisperReader({
      lookup: (name) => engine.lookup(name),
      lookupMany: (names) => engine.lookupMany(names),
      readRaw: (s, from, until) => engine.readRaw(s, from, until),
      readRollup: (s, level, from, until) => engine.readRollup(s, level, from, until),
      readMany: (reads) => engine.readManyHot(reads),
    }),
    writer: engine,
    series: {
      schemas: async (names) => (await engine.lookupMany(names)).map((s) => s?.schema),
      writtenSince: (since) => engine.writtenSince(since),
      remove: (names) => {
        const metrics = [];
        for (const name of names) {
          const parsed = parseMetricName(name);
          if (!parsed.ok) throw new Error(`cannot remove ${JSON.stringify(name)}: ${parsed.reason}`);
          metrics.push(parsed.metric);
        }
        return engine.removeSeries(metrics);
      },
    },
  };
}

/** The node's Cluster over its own storage and index, or undefined when cluster.nodes is empty. */
export function createCluster(config: Config, deps: ClusterServiceDeps): Cluster | undefined {
  if (config.cluster.nodes.length === 0) return undefined;
  const cluster = new Cluster(config, {
    local: localParts(deps),
    clock: deps.clock,
    stats: deps.stats,
    logger: deps.logger,
    indexIsShared: deps.indexIsShared,
  });
  deps.persistPolicy?.set(cluster.persistPolicy);
  return cluster;
}
