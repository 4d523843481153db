import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { type Clock, systemClock } from '../lib/clock.js';
import { type Logger, silentLogger } from '../lib/logger.js';
import { Stats } from '../lib/stats.js';
import { DirectoryLock } from '../engine/wal/directory-lock.js';
import type { ImportTarget } from '../whisper/tree-import.js';
import { importWhisperFile } from '../whisper/whisper-series.js';
import { openBackends } from './backends.js';
import { createStorageService } from './storage-service.js';

/** Imports into the storage of a data directory no server holds. */
export interface OfflineImport extends ImportTarget {
  /** flushes, empties the write-ahead log and closes the store */
  close(): Promise<void>;
}

/**
 * The storage engine of `config`'s data directory, opened for an import as a server opens it
 * (backends, write-ahead log replayed, the index told of new series), without HTTP or
 * listeners. Fails, before touching the store, when a server holds the directory.
 */
export async function openOfflineImport(config: Config, opts: { clock?: Clock; logger?: Logger } = {}): Promise<OfflineImport> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? silentLogger;
  // the index keeps its tree in its owner's memory: only one process may open a data directory
  const walDir = join(config.dataDir, 'wal');
  mkdirSync(walDir, { recursive: true });
  DirectoryLock.acquire(walDir).release();
  const stats = new Stats();
  const backends = await openBackends(config, { logger, stats });
  let storage;
  try {
    storage = createStorageService(config, { clock, logger, stats, store: backends.store, registry: backends.registry, index: backends.index });
    await storage.start();
  } catch (err) {
    await backends.close();
    throw err;
  }
  const { engine } = storage;
  return {
    importFile: (name, file) => importWhisperFile((list) => engine.importSeries(list), name, file, clock.nowSeconds()),
    async close() {
      try {
        await storage.stop();
      } finally {
        await backends.close();
      }
    },
  };
}
