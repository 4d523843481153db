import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metricNames } from './engine-fixture.js';
import { type Benchmark, figure, type Figure, percentiles } from './harness.js';
import { acceptedSoFar, exited, startServer } from './ingest-tcp.js';

/** points per POST /ingest body */
const POINTS_PER_BODY = 1000;

interface Run {
  pointsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * `clients` senders POST bodies of POINTS_PER_BODY carbon lines to /ingest, each waiting for its
 * answer before the next (as a collector does), until `bodies` have been answered 200.
 */
async function postAll(http: string, bodies: readonly string[], clients: number): Promise<{ ms: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        const t = performance.now();
        const res = await fetch(`${http}/ingest`, { method: 'POST', body: bodies[i], headers: { 'content-type': 'text/plain' } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`POST /ingest answered ${res.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { ms: performance.now() - t0, latencies };
}

async function run(env: NodeJS.ProcessEnv, bodies: readonly string[], clients: number, expected: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-bench-durable-'));
  const server = await startServer(dir, env);
  try {
    // the series are made by a first round, outside the figure: the figure is steady ingest
    await postAll(server.http, bodies.slice(0, 1), 1);
    const { ms, latencies } = await postAll(server.http, bodies.slice(1), clients);
    const accepted = await acceptedSoFar(server.http);
    if (accepted !== expected) throw new Error(`the server accepted ${accepted} points of ${expected}`);
    const { median, p99 } = percentiles(latencies);
    return { pointsPerSecond: ((bodies.length - 1) * POINTS_PER_BODY) / (ms / 1000), p50Ms: median, p99Ms: p99 };
  } finally {
    const gone = exited(server.child);
    server.child.kill('SIGTERM');
    await gone;
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What `wal.syncBeforeAck` costs: HTTP `POST /ingest` into `carbyne serve` (a child process),
 * bodies of 1000 points, with one sender and with 16 at once, answered when written to the log
 * (the default: a process crash loses nothing, a machine crash up to `wal.fsyncIntervalMs`)
 * and answered only once synced (group commit: senders of the same moment share one fdatasync;
 * a machine crash loses nothing answered). The peer of each row is the default, same senders,
 * same points, same run.
 */
export const benchmark: Benchmark = {
  name: 'ingest-durable',
  async run({ quick, log }) {
    const series = POINTS_PER_BODY * 10;
    const rounds = quick ? 20 : 120;
    const names = metricNames(series);
    const t0 = Math.floor(Date.now() / 1000) - rounds * 10;
    // body b: the b-th thousand points of the stream, series by series then round by round
    const bodies: string[] = [];
    for (let r = 0; r < rounds; r++) {
      for (let first = 0; first < series; first += POINTS_PER_BODY) {
        let text = '';
        for (let i = first; i < first + POINTS_PER_BODY; i++) text += `${names[i]} ${(i % 977) + r / 8} ${t0 + r * 10}\n`;
        bodies.push(text);
      }
    }
    // the first body makes only its own thousand series: the rest of round 0 is made in the run
    const expected = bodies.length * POINTS_PER_BODY;
    const figures: Figure[] = [];
    for (const clients of [1, 16]) {
      const fast = await run({}, bodies, clients, expected);
      const durable = await run({ CARBYNE_WAL_SYNC_BEFORE_ACK: 'true' }, bodies, clients, expected);
      log(
        `${clients} sender(s): written ${fast.pointsPerSecond.toFixed(0)} points/s (p50 ${fast.p50Ms.toFixed(1)} ms, p99 ${fast.p99Ms.toFixed(1)} ms); ` +
          `synced ${durable.pointsPerSecond.toFixed(0)} points/s (p50 ${durable.p50Ms.toFixed(1)} ms, p99 ${durable.p99Ms.toFixed(1)} ms)`,
      );
      const peer = (name: string, value: number) => ({ name: `${name}, answered once written (default)`, value });
      figures.push(
        figure(`POST /ingest, ${clients} sender(s), answered once synced: points/s`, durable.pointsPerSecond, 'points/s', peer('the same', fast.pointsPerSecond)),
        figure(`POST /ingest, ${clients} sender(s), answered once synced: p50 answer`, durable.p50Ms, 'ms', peer('p50', fast.p50Ms)),
        figure(`POST /ingest, ${clients} sender(s), answered once synced: p99 answer`, durable.p99Ms, 'ms', peer('p99', fast.p99Ms)),
      );
    }
    return figures;
  },
};
