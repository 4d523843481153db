import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ORACLE_DIR = resolve('../shared/tools/graphite-oracle');

/** A TCP port nobody listens on right now (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

export interface RunningOracle {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** its settings, sqlite database (events, tags) and logs */
  readonly stateDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the real graphite-web 1.1.8 (../shared/tools/graphite-oracle/start.sh, which installs
 * Debian's package when missing) on a free loopback port, over `dataDir` (an empty directory
 * when absent). With `clusterServers` it also federates over those `host:port`s, as a
 * graphite-web front end does. Several suites may run at once: each gets its own port and
 * state directory.
 */
export async function startOracle(opts: { dataDir?: string; clusterServers?: string[] } = {}): Promise<RunningOracle> {
  const work = mkdtempSync(join(tmpdir(), 'carbyne-oracle-'));
  const dataDir = opts.dataDir ?? join(work, 'data');
  mkdirSync(dataDir, { recursive: true });
  const state = join(work, 'state');
  const env = { ...process.env, ORACLE_WORKERS: '1', ...(opts.clusterServers ? { ORACLE_CLUSTER_SERVERS: opts.clusterServers.join(',') } : {}) };
  let lastError: unknown;
  // the port is free when chosen but could be taken before graphite-web binds it: try again
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      await run(`${ORACLE_DIR}/start.sh`, [dataDir, String(port), state], { env, timeout: 600_000 });
      return {
        url: `http://127.0.0.1:${port}`,
        port,
        dataDir,
        stateDir: state,
        stop: async () => {
          try {
            await run(`${ORACLE_DIR}/stop.sh`, [state], { timeout: 60_000 });
          } finally {
            rmSync(work, { recursive: true, force: true });
          }
        },
      };
    } catch (err) {
      lastError = err;
      // start.sh may have got as far as starting gunicorn: stop.sh checks and stops only that
      await run(`${ORACLE_DIR}/stop.sh`, [state], { timeout: 60_000 }).catch(() => undefined);
    }
  }
  rmSync(work, { recursive: true, force: true });
  throw new Error(`graphite-web oracle did not start: ${(lastError as Error).message}`);
}
