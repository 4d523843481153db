import { RateLimitedLog } from '../../lib/logger.js';
import { IngestBatch, IngestCounters } from '../ingest-batch.js';
import { PlaintextParser } from '../plaintext-parser.js';
import type { BindAddress, IngestDeps } from './deps.js';
import { TcpIngestServer } from './tcp-server.js';

/**
 * Carbon plaintext over TCP (carbon's port 2003): each socket read is a batch, committed
 * before the next is read. Counters under `ingest.tcp`.
 */
export function plaintextTcpListener(at: BindAddress, maxLineBytes: number, deps: IngestDeps, stopGraceMs?: number): TcpIngestServer {
  const counters = new IngestCounters(deps.stats, 'ingest.tcp');
  const rejects = new RateLimitedLog(deps.log);
  return new TcpIngestServer({
    name: 'carbon-plaintext-tcp',
    host: at.host,
    port: at.port,
    log: deps.log,
    counters,
    stopGraceMs,
    backlog: deps.writer.backlog ? () => deps.writer.backlog!() : undefined,
    handler(_socket, peer) {
      const batch = new IngestBatch(deps.writer, counters, rejects, { source: `tcp ${peer}`, unit: 'line' });
      const parser = new PlaintextParser(batch, maxLineBytes);
      const committed = (work: () => void) => {
        try {
          work();
          batch.commit();
        } catch (err) {
          batch.abandon();
          throw err;
        }
      };
      return {
        data: (chunk) => committed(() => parser.push(chunk)),
        end: () => committed(() => parser.end()),
        close: () => parser.reset(),
      };
    },
  });
}
