import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ORACLE_DIR = resolve('../shared/tools/graphite-oracle');
/** gunicorn's options for a worker that keeps connections open (see startOracle's keepAlive) */
export const KEEP_ALIVE_WORKER = '--worker-class gthread --threads 1 --keep-alive 75';

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
 * state directory. With `keepAlive` gunicorn runs one threaded worker that keeps connections
 * open (`--worker-class gthread --keep-alive`, through GUNICORN_CMD_ARGS) instead of its sync
 * worker, which closes each after one answer: benchmarks then time graphite-web over a reused
 * connection, as they time carbyne.
 */
export async function startOracle(opts: { dataDir?: string; clusterServers?: string[]; keepAlive?: boolean } = {}): Promise<RunningOracle> {
  const work = mkdtempSync(join(tmpdir(), 'carbyne-oracle-'));
  const dataDir = opts.dataDir ?? join(work, 'data');
  mkdirSync(dataDir, { recursive: true });
  const state = join(work, 'state');
  const env = {
    ...process.env,
    ORACLE_WORKERS: '1',
    ...(opts.clusterServers ? { ORACLE_CLUSTER_SERVERS: opts.clusterServers.join(',') } : {}),
    ...(opts.keepAlive ? { GUNICORN_CMD_ARGS: KEEP_ALIVE_WORKER } : {}),
  };
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

/**
 * Makes sure graphite-web's Python package is installed (a test that imports graphite's modules
 * without the server): when `/usr/bin/python3` cannot import it, the oracle is started once and
 * stopped, which installs Debian's package as start.sh does.
 */
export async function ensureGraphiteWebInstalled(): Promise<void> {
  const importable = () =>
    run('/usr/bin/python3', ['-c', 'import graphite.intervals']).then(
      () => true,
      () => false,
    );
  if (await importable()) return;
  const oracle = await startOracle();
  await oracle.stop();
  if (!(await importable())) throw new Error("graphite-web's Python package is still missing after starting the oracle");
}
