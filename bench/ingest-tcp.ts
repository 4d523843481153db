import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { metricNames } from './engine-fixture.js';

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function startServer(dir: string): Promise<{ child: ChildProcess; http: string; carbon: string }> {
  const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  const child = spawn(process.execPath, [main, 'serve', '--data-dir', dir, '--http-listen', '127.0.0.1:0', '--carbon-listen', '127.0.0.1:0', '--pickle-listen', '127.0.0.1:0'], {
    env: { ...process.env, CARBYNE_SELF_METRICS_ENABLED: 'false', CARBYNE_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const rec = JSON.parse(line) as { msg?: string; http?: string; carbon?: string };
        if (rec.msg === 'carbyne is up' && rec.http && rec.carbon) resolve({ child, http: rec.http, carbon: rec.carbon });
      } catch {
        /* not a log line */
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
}

/** Points of the series matching `target` the server answers /render with over [from, until]. */
async function storedPoints(http: string, target: string, from: number, until: number): Promise<number> {
  const res = await fetch(`${http}/render?target=${encodeURIComponent(target)}&from=${from}&until=${until}&format=json`);
  const series = (await res.json()) as Array<{ datapoints: Array<[number | null, number]> }>;
  let n = 0;
  for (const s of series) for (const [v] of s.datapoints) if (v !== null) n++;
  return n;
}

async function acceptedSoFar(http: string): Promise<number> {
  const text = await (await fetch(`${http}/prometheus/metrics`)).text();
  const m = /^carbyne_engine_points_accepted_total (\d+)$/m.exec(text);
  return m ? Number(m[1]) : 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the server has accepted `n` points and returns its CPU seconds at that moment.
 * The server is not asked while it works: an answer of /prometheus/metrics costs it
 * milliseconds per request, more with more series (its gauges walk every series; ~27 ms at
 * 100 000), which polling would add to the figure. Its CPU time is watched in /proc instead, and
 * only once it has stayed still for two 100 ms periods is the count asked for (again if short).
 */
async function cpuWhenAccepted(pid: number, http: string, n: number): Promise<number> {
  for (;;) {
    let last = processCpuSeconds(pid);
    for (let still = 0; still < 2; ) {
      await sleep(100);
      const now = processCpuSeconds(pid);
      // /proc counts in 10 ms ticks: at most one tick in 100 ms is idle
      still = now - last <= 0.011 ? still + 1 : 0;
      last = now;
    }
    if ((await acceptedSoFar(http)) >= n) return last;
  }
}

/**
 * Carbon plaintext over TCP into `carbyne serve` running in a child process: points per CPU
 * second of the server (its /proc CPU time, every thread, from the first byte sent to the last
 * point accepted; the client's own CPU is not counted). `rounds` lines per series, values of
 * two decimals jumping around 100-300, one connection. The first round (new series: name, id,
 * schema, registry and index) is sent and done before the window opens. The window may hold a
 * round of the server's flush timer (every 10 s), which is part of ingesting. The points are
 * then read back through /render, so the figure counts only points that were stored.
 */
export async function tcpIngest(seriesCount: number, rounds: number, log: (m: string) => void): Promise<{ pointsPerCpuSecond: number; points: number; cpu: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-bench-tcp-'));
  const { child, http, carbon } = await startServer(dir);
  try {
    const names = metricNames(seriesCount);
    const now = Math.floor(Date.now() / 1000);
    const t0 = now - rounds * 10;
    // every series seen once first (its first point costs more: name, id, schema, registry)
    const payload = (r: number) => {
      let s = '';
      for (let i = 0; i < seriesCount; i++) s += `${names[i]} ${(100 + ((i * 7919 + r * 104729) % 20000) / 100).toFixed(2)} ${t0 + r * 10}\n`;
      return Buffer.from(s);
    };
    const [host, port] = [carbon.slice(0, carbon.lastIndexOf(':')), Number(carbon.slice(carbon.lastIndexOf(':') + 1))];
    const send = async (buffers: Buffer[]) => {
      const socket = connect(port, host);
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      for (const b of buffers) if (!socket.write(b)) await new Promise((resolve) => socket.once('drain', resolve));
      await new Promise<void>((resolve) => socket.end(resolve));
    };
    const waitFor = async (n: number) => {
      while ((await acceptedSoFar(http)) < n) await sleep(50);
    };
    await send([payload(0)]);
    await waitFor(seriesCount);
    const buffers = Array.from({ length: rounds - 1 }, (_, r) => payload(r + 1));
    const cpu0 = processCpuSeconds(child.pid!);
    await send(buffers);
    const total = seriesCount * rounds;
    const cpu = (await cpuWhenAccepted(child.pid!, http, total)) - cpu0;
    const points = seriesCount * (rounds - 1);
    log(`TCP: ${points} points of ${seriesCount} series in ${cpu.toFixed(2)} server CPU-s`);
    // the first 1000 series are bench.host*.sys0.metric0 (metricNames)
    const sample = Math.min(seriesCount, 1000);
    const stored = await storedPoints(http, 'bench.*.sys0.metric0', t0 - 20, now);
    if (stored !== sample * rounds) throw new Error(`read back ${stored} points of the ${sample * rounds} sent for ${sample} series`);
    log(`read back through /render: ${stored} points of ${sample} series, all stored`);
    return { pointsPerCpuSecond: points / cpu, points, cpu };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}
