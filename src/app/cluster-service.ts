import type { Config } from '../config/schema.js';
import { parseMetricName } from '../series/name.js';
import { Cluster } from '../cluster/cluster.js';
import type { MetricIndex } from '../finders/metric-index.js';
import type { TagIndex } from '../finders/tag-index.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Stats } from '../lib/stats.js';
import type { StorageService } from './storage-service.js';

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
}

/** The node's Cluster over its own storage and index, or undefined when cluster.nodes is empty. */
export function createCluster(config: Config, deps: ClusterServiceDeps): Cluster | undefined {
  if (config.cluster.nodes.length === 0) return undefined;
  const engine = deps.storage.engine;
  return new Cluster(config, {
    local: {
      index: deps.index,
      tagIndex: deps.tagIndex,
      reader: deps.storage.reader,
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
    },
    clock: deps.clock,
    stats: deps.stats,
    logger: deps.logger,
    indexIsShared: deps.indexIsShared,
  });
}
