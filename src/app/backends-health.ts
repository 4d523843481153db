import type { Config } from '../config/schema.js';
import type { BackendHealth } from '../lib/backend-monitor.js';

/**
 * What /health says of the backends: which runs where, and for each remote one its state (up
 * after its last request succeeded, down after one failed, with the cause), requests in flight
 * and queued. Healthy unless a remote backend is down.
 */
export function backendsHealth(config: Config, remote: readonly BackendHealth[]): { ok: boolean; detail: Record<string, unknown> } {
  const detail: Record<string, unknown> = { store: config.store.backend, index: config.index.backend };
  let ok = true;
  for (const h of remote) {
    detail[h.backend] = h;
    if (h.state === 'down') ok = false;
  }
  return { ok, detail };
}
