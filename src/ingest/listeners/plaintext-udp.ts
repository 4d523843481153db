import { type Socket, createSocket } from 'node:dgram';
import { isIP } from 'node:net';
import type { Service } from '../../lib/service.js';
import { RateLimitedLog } from '../../lib/logger.js';
import { IngestBatch, IngestCounters } from '../ingest-batch.js';
import { PlaintextParser } from '../plaintext-parser.js';
import type { BindAddress, IngestDeps } from './deps.js';

/**
 * Carbon plaintext over UDP: each datagram is a batch of whole lines (the last one may lack
 * its newline), committed on arrival; dropped while the writer has no room (its backlog), as
 * UDP cannot slow a sender. Counters under `ingest.udp` (`.datagrams`,
 * `.datagrams_dropped_backlog` too).
 */
export class PlaintextUdpListener implements Service {
  readonly name = 'carbon-plaintext-udp';
  private readonly socket: Socket;
  private readonly batch: IngestBatch;
  private readonly parser: PlaintextParser;

  constructor(
    private readonly at: BindAddress,
    maxLineBytes: number,
    private readonly deps: IngestDeps,
  ) {
    const counters = new IngestCounters(deps.stats, 'ingest.udp');
    const datagrams = counters.counter('datagrams');
    const droppedFull = counters.counter('datagrams_dropped_backlog');
    this.socket = createSocket({ type: isIP(at.host) === 6 ? 'udp6' : 'udp4' });
    this.batch = new IngestBatch(deps.writer, counters, new RateLimitedLog(deps.log), { source: 'udp', unit: 'line' });
    this.parser = new PlaintextParser(this.batch, maxLineBytes);
    this.socket.on('message', (msg) => {
      datagrams.value++;
      // UDP has no back-pressure: while the writer has no room, datagrams are dropped (counted)
      if (deps.writer.backlog?.()) {
        droppedFull.value++;
        return;
      }
      try {
        this.parser.push(msg);
        this.parser.end();
        this.batch.commit();
      } catch (err) {
        this.parser.reset();
        this.batch.abandon();
        deps.log.error({ err, listener: this.name }, 'ingest failed, datagram lost');
      }
    });
    this.socket.on('error', (err) => deps.log.error({ err, listener: this.name }, 'listener error'));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.bind({ address: this.at.host, port: this.at.port }, () => {
        this.socket.off('error', reject);
        resolve();
      });
    });
  }

  /** `host:port` actually bound */
  address(): string {
    const a = this.socket.address();
    return a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}
