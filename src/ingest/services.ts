import type { Service } from '../lib/service.js';
import type { Config } from '../config/schema.js';
import { parseListenAddress } from '../lib/listen-address.js';
import type { IngestDeps } from './listeners/deps.js';
import { pickleTcpListener } from './listeners/pickle-tcp.js';
import { plaintextTcpListener } from './listeners/plaintext-tcp.js';
import { PlaintextUdpListener } from './listeners/plaintext-udp.js';

/** A listener that can say where it is bound once started. */
export interface IngestListener extends Service {
  /** `host:port` actually bound */
  address(): string;
}

export interface IngestListeners {
  carbonTcp?: IngestListener;
  carbonUdp?: IngestListener;
  pickle?: IngestListener;
}

/**
 * The carbon listeners the configuration turns on (carbon.listen for TCP and, with
 * carbon.udp, UDP; pickle.listen), all writing to `deps.writer`. The app starts and stops them.
 */
export function ingestListeners(config: Config, deps: IngestDeps): IngestListeners {
  const { maxLineBytes, maxPickleFrameBytes } = config.limits.ingest;
  const out: IngestListeners = {};
  if (config.carbon.enabled) {
    const at = parseListenAddress(config.carbon.listen);
    out.carbonTcp = plaintextTcpListener(at, maxLineBytes, deps);
    if (config.carbon.udp) out.carbonUdp = new PlaintextUdpListener(at, maxLineBytes, deps);
  }
  if (config.pickle.enabled) out.pickle = pickleTcpListener(parseListenAddress(config.pickle.listen), maxPickleFrameBytes, deps);
  return out;
}
