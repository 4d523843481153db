import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CarbyneApp, type AppOptions } from '../../src/app.js';
import { validateConfig } from '../../src/config/load.js';
import type { ConfigInput } from '../../src/config/schema.js';
import type { Clock } from '../../src/lib/clock.js';

/**
 * A carbyne app on a fresh data directory, listening on loopback with ephemeral ports.
 * `close()` stops it; `destroy()` also removes the data directory. `options` replaces parts of
 * the app (a PointWriter in front of which the protocols are tested).
 */
export async function startTestApp(overrides: ConfigInput = {}, clock?: Clock, options: Omit<AppOptions, 'config' | 'clock'> = {}) {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'carbyne-test-'));
  const config = validateConfig({
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
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
