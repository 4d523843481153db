import type { Config } from '../config/schema.js';
import type { Logger } from '../lib/logger.js';
import type { Stats } from '../lib/stats.js';
import type { LmdbEnvironment } from '../stores/lmdb/environment.js';
import { LmdbMetricIndex } from './lmdb/lmdb-metric-index.js';
import type { MetricIndex } from './metric-index.js';

/** The metric index the configuration asks for; the composition root calls this once. */
export async function createMetricIndex(config: Config, env: LmdbEnvironment, logger: Logger, stats?: Stats): Promise<MetricIndex> {
  switch (config.index.backend) {
    case 'lmdb':
      return LmdbMetricIndex.open(env, { logger, stats });
    default:
      throw new Error(`index backend "${config.index.backend}" is not implemented yet; use "lmdb"`);
  }
}
