import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A carbon-c-relay process (Debian's package) listening on `port` with `config`. */
export class Relay {
  private stderr = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly port: number,
    private readonly closed: Promise<void>,
  ) {
    child.stderr!.setEncoding('utf8').on('data', (s: string) => this.record(s));
  }

  private record(s: string): void {
    this.stderr = (this.stderr + s).slice(-200_000);
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  get log(): string {
    return this.stderr;
  }

  /**
   * Starts the relay, listening on 127.0.0.1:`port`, in submission mode (no statistics of its
   * own in the stream, drops reported in its log) with queues large enough that a test's burst
   * is never dropped unless `queuePoints` says otherwise; resolves once it accepts connections.
   * Its IO time limit towards the nodes is 30 s (it takes less than a minute) instead of its
   * 600 ms: on a loaded machine a node's reads can stall longer than that, and the relay then
   * drops the connection and sends the same batch again (the node gets those points twice).
   */
  static async start(config: string, port: number, opts: { queuePoints?: number } = {}): Promise<Relay> {
    const dir = mkdtempSync(join(tmpdir(), 'carbyne-relay-'));
    const file = join(dir, 'relay.conf');
    // plaintext over TCP on loopback only (the default listeners also take UDP and a unix socket)
    writeFileSync(file, `listen\n    type linemode\n        127.0.0.1:${port} proto tcp\n    ;\n${config}`);
    const child = spawn('carbon-c-relay', ['-f', file, '-s', '-q', String(opts.queuePoints ?? 2_000_000), '-b', String(Math.min(2500, Math.floor((opts.queuePoints ?? 2_000_000) / 2))), '-w', '2', '-T', '30000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const closed = new Promise<void>((resolve) =>
      child.on('close', () => {
        running.delete(child);
        resolve();
      }),
    );
    const relay = new Relay(child, dir, port, closed);
    child.stdout!.setEncoding('utf8').on('data', (s: string) => relay.record(s));
    for (let waited = 0; ; waited += 100) {
      if (child.exitCode !== null) throw new Error(`carbon-c-relay exited: ${relay.stderr}`);
      if (await canConnect(port)) return relay;
      if (waited > 20_000) {
        await relay.stop();
        throw new Error(`carbon-c-relay did not listen on ${port}: ${relay.stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.closed;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}
