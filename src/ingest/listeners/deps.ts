import type { Logger } from '../../lib/logger.js';
import type { Stats } from '../../lib/stats.js';
import type { PointWriter } from '../../engine/point-writer.js';

/** What every ingest listener is built with. */
export interface IngestDeps {
  writer: PointWriter;
  stats: Stats;
  log: Logger;
}

export interface BindAddress {
  host: string;
  port: number;
}
