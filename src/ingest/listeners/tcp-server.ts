import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import type { Service } from '../../lib/service.js';
import type { Counter } from '../../lib/stats.js';
import type { Logger } from '../../lib/logger.js';
import type { IngestCounters } from '../ingest-batch.js';

/** What a TCP ingest protocol does with one connection's bytes. */
export interface ConnectionHandler {
  /** one socket read: decode it and commit what it held */
  data(chunk: Buffer): void;
  /** the sender finished cleanly (FIN): what is left is complete */
  end(): void;
  /** the connection is gone (after end(), or on a reset or a forced close) */
  close(): void;
}

export interface TcpIngestServerOptions {
  name: string;
  host: string;
  port: number;
  /** makes the handler of a new connection; `close` ends the connection from our side */
  handler(socket: Socket, peer: string, close: (why: string) => void): ConnectionHandler;
  log: Logger;
  /** `<prefix>.connections` counts connections accepted, gauge `<prefix>.connections_open` those open now */
  counters: IngestCounters;
  /** how long stop() lets senders finish after being told to, before cutting them off */
  stopGraceMs?: number;
  /** the writer's backlog (PointWriter.backlog): while it gives a promise, sockets are not read */
  backlog?: () => Promise<void> | null;
}

/**
 * A TCP listener for an ingest protocol, as a Service. Every read is handed to the
 * connection's handler at once (the handlers work synchronously, so the socket is not read
 * again before a batch is committed). stop() refuses new connections, half-closes the open
 * ones so senders see the end and finish, processes what they still send, and after a grace
 * period cuts off those that have not gone.
 */
export class TcpIngestServer implements Service {
  readonly name: string;
  private readonly server: Server;
  private readonly open = new Set<Socket>();
  private readonly accepted: Counter;
  private readonly pausedReads: Counter;
  private paused = 0;

  constructor(private readonly options: TcpIngestServerOptions) {
    this.name = options.name;
    this.server = createServer((socket) => this.accept(socket));
    this.accepted = options.counters.counter('connections');
    this.pausedReads = options.counters.counter('paused_reads');
    options.counters.stats.gauge(`${options.counters.prefix}.connections_open`, () => this.open.size);
    options.counters.stats.gauge(`${options.counters.prefix}.connections_paused`, () => this.paused);
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host: this.options.host, port: this.options.port }, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.server.on('error', (err) => this.options.log.error({ err, listener: this.name }, 'listener error'));
  }

  /** `host:port` actually bound (the port is chosen by the system when configured as 0) */
  address(): string {
    const a = this.server.address() as AddressInfo | null;
    if (!a) throw new Error(`${this.name} is not listening`);
    return a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const sockets = [...this.open];
    const gone = sockets.map((s) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve()))));
    for (const s of sockets) s.end();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.stopGraceMs ?? 2000)));
    await Promise.race([Promise.all(gone), grace]);
    clearTimeout(timer);
    for (const s of this.open) s.destroy();
    await Promise.all(gone);
    await closed;
  }

  /**
   * The writer is full (its store slow or down): this socket is not read until it has room, so
   * the kernel's buffers fill and the sender's writes block, as TCP back-pressure does.
   */
  private waitForRoom(socket: Socket): void {
    const wait = this.options.backlog?.();
    if (!wait) return;
    socket.pause();
    this.paused++;
    this.pausedReads.value++;
    void wait.then(() => {
      this.paused--;
      if (!socket.destroyed) socket.resume();
    });
  }

  private accept(socket: Socket): void {
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    this.open.add(socket);
    this.accepted.value++;
    const close = (why: string) => {
      this.options.log.warn({ listener: this.name, peer, reason: why }, 'closing ingest connection');
      socket.destroy();
    };
    const handler = this.options.handler(socket, peer, close);
    socket.on('data', (chunk: Buffer) => {
      try {
        handler.data(chunk);
      } catch (err) {
        // the storage engine failed: the sender must not believe these points were kept
        this.options.log.error({ err, listener: this.name, peer }, 'ingest failed, closing connection');
        socket.destroy();
        return;
      }
      this.waitForRoom(socket);
    });
    socket.on('end', () => {
      try {
        handler.end();
      } catch (err) {
        this.options.log.error({ err, listener: this.name, peer }, 'ingest failed at end of connection');
      }
    });
    socket.on('error', (err) => this.options.log.debug({ err, listener: this.name, peer }, 'ingest connection error'));
    socket.on('close', () => {
      this.open.delete(socket);
      handler.close();
    });
  }
}
