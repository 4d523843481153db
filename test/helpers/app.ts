import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarbyneApp, type AppOptions } from '../../src/app.js';
import { validateConfig } from '../../src/config/load.js';
import type { ConfigInput } from '../../src/config/schema.js';
import type { Clock } from '../../src/lib/clock.js';
import { releaseTestBackend, testBackendConfig } from './test-backend.js';

/**
 * A carbyne app on a fresh data directory (and the suites' backend, test-backend.ts), listening
 * on loopback with ephemeral ports.
 * `close()` stops it; `destroy()` also removes the data directory. `options` replaces parts of
 * the app (a PointWriter in front of which the protocols are tested).
 */
export async function startTestApp(overrides: ConfigInput = {}, clock?: Clock, options: Omit<AppOptions, 'config' | 'clock'> = {}) {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'carbyne-test-'));
  // the suites' backend (test/helpers/test-backend.ts), unless the test chose its own
  const backend = overrides.store?.backend === undefined && overrides.index?.backend === undefined ? await testBackendConfig(dataDir) : {};
  const config = validateConfig({
    ...backend,
    logLevel: 'warn',
    carbon: { listen: '127.0.0.1:0' },
    pickle: { listen: '127.0.0.1:0' },
    selfMetrics: { enabled: false },
    ...overrides,
    // http keys beside the listen address (compression, cors) keep it on loopback
    http: { listen: '127.0.0.1:0', ...overrides.http },
    dataDir,
  });
  const app = await CarbyneApp.create({ logger: false, ...options, config, clock });
  const addresses = await app.listen();
  return {
    app,
    dataDir,
    addresses,
    url: addresses.http,
    close: () => app.close(),
    destroy: async () => {
      try {
        await app.close();
      } finally {
        await releaseTestBackend(dataDir);
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
