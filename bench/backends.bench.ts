import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyCassandraSchema, openBackends, type Backends } from '../src/app/backends.js';
import { validateConfig } from '../src/config/load.js';
import type { ConfigInput } from '../src/config/schema.js';
import { ManualClock } from '../src/lib/clock.js';
import { silentLogger } from '../src/lib/logger.js';
import { Stats } from '../src/lib/stats.js';
import type { StoredChunk } from '../src/stores/chunk-store.js';
import { type Benchmark, figure, type Figure } from './harness.js';
import { prng } from './prng.js';
import { startRenderApp, type RenderApp } from './render-app.js';
import { chunkAt, payload, RESOLUTION, WINDOW } from './store.bench.js';

const NOW = 1795316580;
const SERIES = 10_000;
const READS_IN_FLIGHT = 64;
const RENDER_SERIES = 400;
/** chunks end within their 30-day TTL of NOW (Cassandra counts a chunk's TTL from its end) */
const BASE = Math.floor((NOW - 10 * 86400) / WINDOW) * WINDOW;

function chunkNearNow(n: number, data: Uint8Array): StoredChunk {
  const c = chunkAt(n, SERIES, data);
  return { ...c, start: c.start + BASE, end: c.end + BASE };
}

/** The CQL test server in its own process: its address, and its CPU seconds on demand. */
class CqlServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly config: ConfigInput,
  ) {}

  static async start(keyspace: string): Promise<CqlServerProcess> {
    const child = fork(new URL('./cql-server-child.js', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const where = await new Promise<{ contactPoints: string[]; port: number; localDataCenter: string }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as never));
      child.once('exit', (code) => reject(new Error(`the CQL test server exited (${code})`)));
    });
    return new CqlServerProcess(child, { store: { backend: 'cassandra' }, cassandra: { ...where, keyspace } });
  }

  cpuSeconds(): Promise<number> {
    return new Promise((resolve) => {
      this.child.once('message', (m) => resolve((m as { cpu: number }).cpu));
      this.child.send('cpu');
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send('stop');
    await exited;
  }
}

/** Wall seconds of `fn`, and the CQL test server's CPU seconds meanwhile (0 without one). */
async function timed(server: CqlServerProcess | null, fn: () => Promise<void>): Promise<{ seconds: number; serverCpu: number }> {
  const c0 = server ? await server.cpuSeconds() : 0;
  const t0 = performance.now();
  await fn();
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, serverCpu: server ? (await server.cpuSeconds()) - c0 : 0 };
}

async function openStore(config: ConfigInput, dataDir: string): Promise<Backends> {
  return openBackends(validateConfig({ ...config, dataDir, selfMetrics: { enabled: false } }), { logger: silentLogger, stats: new Stats(), clock: new ManualClock(NOW * 1000) });
}

interface StoreRun {
  writeSeconds: number;
  writeServerCpu: number;
  readSeconds: number;
  readServerCpu: number;
}

/** `chunks` chunks written in batches of 1000, then `reads` random one-window reads, READS_IN_FLIGHT at a time. */
async function chunksThrough(backends: Backends, server: CqlServerProcess | null, chunks: number, reads: number): Promise<StoreRun> {
  const store = backends.store;
  const data = payload(1024, 1);
  const write = await timed(server, async () => {
    for (let b = 0; b < chunks / 1000; b++) {
      const batch: StoredChunk[] = [];
      for (let i = 0; i < 1000; i++) batch.push(chunkNearNow(b * 1000 + i, data));
      await store.write(batch);
    }
  });
  const windows = Math.floor(chunks / SERIES);
  const r = prng(7);
  let found = 0;
  const read = await timed(server, async () => {
    for (let done = 0; done < reads; done += READS_IN_FLIGHT) {
      const round = Array.from({ length: Math.min(READS_IN_FLIGHT, reads - done) }, () => {
        const id = `s${Math.floor(r() * SERIES).toString(36)}`;
        const w = Math.floor(r() * windows);
        return store.read(id, RESOLUTION, BASE + w * WINDOW + 600, BASE + w * WINDOW + 4200);
      });
      for (const got of await Promise.all(round)) {
        if (got.length !== 1 || got[0].data.length !== data.length) throw new Error(`expected one chunk of ${data.length} bytes, got ${got.length}`);
        found++;
      }
    }
  });
  if (found !== reads) throw new Error(`read ${found} chunks, expected ${reads}`);
  return { writeSeconds: write.seconds, writeServerCpu: write.serverCpu, readSeconds: read.seconds, readServerCpu: read.serverCpu };
}

async function chunkFigures(quick: boolean, log: (m: string) => void): Promise<Figure[]> {
  const chunks = quick ? 20_000 : 100_000;
  const reads = quick ? 5_000 : 20_000;
  const server = await CqlServerProcess.start('carbyne_bench_chunks');
  const dirs = [mkdtempSync(join(tmpdir(), 'carbyne-bench-backends-')), mkdtempSync(join(tmpdir(), 'carbyne-bench-backends-'))];
  try {
    await applyCassandraSchema(validateConfig({ ...server.config, dataDir: dirs[0] }), { logger: silentLogger, stats: new Stats() });
    const cassandra = await openStore(server.config, dirs[0]);
    let c: StoreRun;
    try {
      c = await chunksThrough(cassandra, server, chunks, reads);
    } finally {
      await cassandra.close();
    }
    const lmdb = await openStore({}, dirs[1]);
    let l: StoreRun;
    try {
      l = await chunksThrough(lmdb, null, chunks, reads);
    } finally {
      await lmdb.close();
    }
    log(`cassandra: ${chunks} chunks written in ${c.writeSeconds.toFixed(2)} s (test server CPU ${c.writeServerCpu.toFixed(2)} s), ${reads} read in ${c.readSeconds.toFixed(2)} s (test server CPU ${c.readServerCpu.toFixed(2)} s)`);
    log(`lmdb: ${chunks} chunks written in ${l.writeSeconds.toFixed(2)} s, ${reads} read in ${l.readSeconds.toFixed(2)} s`);
    return [
      figure('chunk writes through cassandra-driver (batches of 1000 x 1 KB)', chunks / c.writeSeconds, 'chunks/s', { name: 'LMDB store', value: chunks / l.writeSeconds }),
      figure('  of which the CQL test server (its CPU per chunk written)', (c.writeServerCpu / chunks) * 1e6, 'µs/chunk'),
      figure(`chunk reads through cassandra-driver (one window, ${READS_IN_FLIGHT} in flight)`, reads / c.readSeconds, 'reads/s', { name: 'LMDB store', value: reads / l.readSeconds }),
      figure('  of which the CQL test server (its CPU per read)', (c.readServerCpu / reads) * 1e6, 'µs/read'),
    ];
  } finally {
    await server.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

/** RENDER_SERIES series of a day at 60 s, all persisted, the index knowing them. */
async function renderApp(config: ConfigInput): Promise<RenderApp> {
  const app = await startRenderApp(NOW, '60s:30d', { config });
  for (let s = 0; s < RENDER_SERIES; s++) {
    for (let t = NOW - 86400 + 60; t <= NOW; t += 60) app.writer.write(`bench.backends.s${s}`, (s * 7 + t / 60) % 1000, t);
    app.writer.commit();
  }
  await app.waitForIndex('bench.backends.*', RENDER_SERIES);
  await app.persistAll();
  await app.settle();
  return app;
}

async function renderFigures(quick: boolean, log: (m: string) => void): Promise<Figure[]> {
  const renders = quick ? 5 : 20;
  const url = `/render?target=bench.backends.*&from=${NOW - 86400}&until=${NOW}&format=json`;
  const server = await CqlServerProcess.start('carbyne_bench_render');
  const schemaDir = mkdtempSync(join(tmpdir(), 'carbyne-bench-backends-'));
  try {
    await applyCassandraSchema(validateConfig({ ...server.config, dataDir: schemaDir }), { logger: silentLogger, stats: new Stats() });
    const answers: string[] = [];
    const run = async (config: ConfigInput, s: CqlServerProcess | null) => {
      const app = await renderApp(config);
      try {
        let body = '';
        const t = await timed(s, async () => {
          for (let i = 0; i < renders; i++) {
            const res = await app.http.inject({ method: 'GET', url });
            if (res.statusCode !== 200) throw new Error(`render answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
            body = res.body;
          }
        });
        answers.push(body);
        return t;
      } finally {
        await app.destroy();
      }
    };
    const c = await run(server.config, server);
    const l = await run({}, null);
    // the same answer from both stores, or the figures compare different work
    if (answers[0] !== answers[1]) throw new Error('the Cassandra and LMDB renders differ');
    const series = (JSON.parse(answers[0]) as unknown[]).length;
    if (series !== RENDER_SERIES) throw new Error(`the render answered ${series} series, not ${RENDER_SERIES}`);
    log(`${renders} renders of ${RENDER_SERIES} series x 1 day at 60 s: cassandra ${c.seconds.toFixed(2)} s (test server CPU ${c.serverCpu.toFixed(2)} s), lmdb ${l.seconds.toFixed(2)} s`);
    return [
      figure(`render of ${RENDER_SERIES} series x 1 day, persisted, from Cassandra`, renders / c.seconds, 'renders/s', { name: 'LMDB store', value: renders / l.seconds }),
      figure('  of which the CQL test server (its CPU per render)', (c.serverCpu / renders) * 1000, 'ms/render'),
    ];
  } finally {
    await server.stop();
    rmSync(schemaDir, { recursive: true, force: true });
  }
}

/**
 * Chunks written and read through cassandra-driver against the CQL test server, and renders of
 * 400 series read from it, beside the same work on the LMDB store in the same run. The test
 * server runs in a process of its own and its CPU time is printed on its own line: what is left
 * is the driver's and carbyne's cost, not what a real Cassandra would take (docs/backends.md).
 */
export const benchmark: Benchmark = {
  name: 'backends',
  async run({ quick, log }) {
    return [...(await chunkFigures(quick, log)), ...(await renderFigures(quick, log))];
  },
};
