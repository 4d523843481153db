import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackends, type Backends } from '../../src/app/backends.js';
import { validateConfig } from '../../src/config/load.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Stats } from '../../src/lib/stats.js';
import { backendKind, releaseTestBackend, testBackend, type BackendKind } from '../helpers/test-backend.js';

/**
 * The store the nodes of a shared-store test cluster share, on the suites' backend
 * (test/helpers/test-backend.ts): one LMDB environment (store.lmdb.shared) under the cluster's
 * root, or one Cassandra keyspace (with its index, or an Elasticsearch index) on the test
 * servers this process runs. Every node keeps its own store.writer.
 */
export interface SharedStore {
  readonly kind: BackendKind;
  /** the store and index keys of node `name` of the cluster whose directories are under `root` */
  perNode(name: string, root: string): ConfigInput;
  /** the store as one more of its processes sees it (writer `inspector`), for a test's own reads; the caller closes it */
  open(root: string): Promise<Backends>;
  /** stops the test servers (on a real cluster, drops the keyspace and index) */
  release(): Promise<void>;
}

export async function startSharedStore(): Promise<SharedStore> {
  const kind = backendKind();
  // the key of the backend: the nodes get its keys in their configuration, not from its file
  const key = mkdtempSync(join(tmpdir(), 'carbyne-shared-store-'));
  const { config } = await testBackend(key, kind);
  const keys = (writer: string, root: string): ConfigInput => ({
    ...config,
    store: kind === 'lmdb' ? { writer, lmdb: { path: join(root, 'store'), shared: true } } : { ...config.store, writer },
  });
  return {
    kind,
    perNode: keys,
    open: (root) => openBackends(validateConfig({ ...keys('inspector', root), dataDir: join(root, 'inspector') }), { logger: silentLogger, stats: new Stats() }),
    async release() {
      try {
        await releaseTestBackend(key);
      } finally {
        rmSync(key, { recursive: true, force: true });
      }
    },
  };
}
