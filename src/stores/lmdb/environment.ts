import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, type RootDatabase } from 'lmdb';

/**
 * The one LMDB environment of a data directory. The chunk store, the series registry and the
 * metric index each open their own named databases in it, so a single file holds the node's
 * state and one transaction can span them.
 */
export type LmdbEnvironment = RootDatabase;

export function openLmdbEnvironment(dataDir: string): LmdbEnvironment {
  return openLmdbAt(join(dataDir, 'lmdb'));
}

/**
 * The LMDB environment at `path` itself. Several processes may open one environment (LMDB
 * locks it across processes); carbyne's stores then run as writers among several.
 */
export function openLmdbAt(path: string): LmdbEnvironment {
  mkdirSync(path, { recursive: true });
  return open({
    path,
    maxDbs: 32,
    // values are our own binary encodings; LZ4 would only cost CPU on Gorilla-compressed chunks
    compression: false,
    // LMDB grows the map on demand; start at 1 GiB of address space
    mapSize: 1024 ** 3,
  });
}
