import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metricNames } from './engine-fixture.js';
import { type Benchmark, figure } from './harness.js';
import { acceptedSoFar, exited, sendPlaintext, startServer } from './ingest-tcp.js';

const POINTS = 4;

/** ms from `since` until the server answers a render of `name` with its last point `value`. */
async function answeredAt(http: string, name: string, value: number, since: number): Promise<number> {
  const res = await fetch(`${http}/render?target=${encodeURIComponent(name)}&from=-10min&format=json`);
  const series = (await res.json()) as Array<{ datapoints: Array<[number | null, number]> }>;
  const values = series[0]?.datapoints.map(([v]) => v).filter((v) => v !== null) ?? [];
  if (values.at(-1) !== value) throw new Error(`after the restart ${name} reads ${JSON.stringify(values)}, not ending in ${value}`);
  return performance.now() - since;
}

/**
 * A service manager's stop and start with a million hot series (100,000 with --quick): the
 * series are written over carbon TCP into `carbyne serve` (a child process), each with a few
 * points in its open window, then the server gets SIGTERM; its time to exit is measured, then a
 * new server's time from start to its first correct render of a series. Beside them, in the
 * same run on the same data, a stop with `flush.onStop` (what a stop did before: persist every
 * hot chunk) and a start after it.
 */
export const benchmark: Benchmark = {
  name: 'shutdown',
  async run({ quick, log }) {
    const series = quick ? 100_000 : 1_000_000;
    const dir = mkdtempSync(join(tmpdir(), 'carbyne-bench-stop-'));
    try {
      const names = metricNames(series);
      const now = Math.floor(Date.now() / 1000);
      const valueOf = (i: number, k: number) => (i % 1000) + k / 4;
      let server = await startServer(dir);
      const buffers: Buffer[] = [];
      for (let k = 0; k < POINTS; k++) {
        let text = '';
        for (let i = 0; i < series; i++) text += `${names[i]} ${valueOf(i, k)} ${now - (POINTS - k) * 10}\n`;
        buffers.push(Buffer.from(text));
      }
      await sendPlaintext(server.carbon, buffers);
      const accepted = await acceptedSoFar(server.http);
      if (accepted !== series * POINTS) throw new Error(`the server accepted ${accepted} points of ${series * POINTS}`);
      log(`${series} series x ${POINTS} points hot`);

      const stop = async (env: NodeJS.ProcessEnv) => {
        const code = exited(server.child);
        const t0 = performance.now();
        server.child.kill('SIGTERM');
        if ((await code) !== 0) throw new Error('the server did not exit cleanly');
        const ms = performance.now() - t0;
        const t1 = performance.now();
        server = await startServer(dir, env);
        const probe = series - 1;
        return { stopMs: ms, startMs: await answeredAt(server.http, names[probe], valueOf(probe, POINTS - 1), t1) };
      };
      // the default stop (log synced, hot chunks snapshotted and restored at the start), then a stop that flushes everything
      const fast = await stop({ CARBYNE_FLUSH_ON_STOP: 'true' });
      log(`stop: ${fast.stopMs.toFixed(0)} ms; start to first answer: ${fast.startMs.toFixed(0)} ms`);
      const flushing = await stop({});
      log(`stop with flush.onStop: ${flushing.stopMs.toFixed(0)} ms; start to first answer after it: ${flushing.startMs.toFixed(0)} ms`);
      server.child.kill('SIGTERM');
      await exited(server.child);
      const n = series.toLocaleString('en');
      return [
        figure(`SIGTERM to exit, ${n} hot series`, fast.stopMs, 'ms', { name: 'stop with flush.onStop (flushes everything)', value: flushing.stopMs }),
        figure(`start to first correct render, ${n} series left hot (restored from the stop's hot snapshot)`, fast.startMs, 'ms', { name: 'after a stop with flush.onStop', value: flushing.startMs }),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
