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

export async function startServer(dir: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; http: string; carbon: string }> {
  const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  // CARBYNE_BENCH_SERVER_ARGS: node flags for the server only (--cpu-prof, to see where its time goes)
  const nodeArgs = (process.env.CARBYNE_BENCH_SERVER_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(process.execPath, [...nodeArgs, main, 'serve', '--data-dir', dir, '--http-listen', '127.0.0.1:0', '--carbon-listen', '127.0.0.1:0', '--pickle-listen', '127.0.0.1:0'], {
    env: { ...process.env, CARBYNE_SELF_METRICS_ENABLED: 'false', CARBYNE_LOG_LEVEL: 'info', ...env },
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

/** Resolves with the exit code once `child` has exited. */
export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Points of the series matching `target` the server answers /render with over [from, until]. */
async function storedPoints(http: string, target: string, from: number, until: number): Promise<number> {
  const res = await fetch(`${http}/render?target=${encodeURIComponent(target)}&from=${from}&until=${until}&format=json`);
  const series = (await res.json()) as Array<{ datapoints: Array<[number | null, number]> }>;
  let n = 0;
  for (const s of series) for (const [v] of s.datapoints) if (v !== null) n++;
  return n;
}

/** Until the process used at most one 10 ms tick in each of two 100 ms periods in a row (10 s at most). */
async function untilIdle(pid: number): Promise<void> {
  let last = processCpuSeconds(pid);
  for (let still = 0, tries = 0; still < 2 && tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = processCpuSeconds(pid);
    still = now - last <= 0.011 ? still + 1 : 0;
    last = now;
  }
}

export async function acceptedSoFar(http: string): Promise<number> {
  const text = await (await fetch(`${http}/prometheus/metrics`)).text();
  const m = /^carbyne_engine_points_accepted_total (\d+)$/m.exec(text);
  return m ? Number(m[1]) : 0;
}

/**
 * Sends carbon plaintext over one TCP connection to `carbon` (host:port). Resolves once the
 * server has handled every line: it handles each read synchronously and, when our end
 * arrives, ends its side too (a net server is not half-open), so our socket closes only after
 * its last read.
 */
export async function sendPlaintext(carbon: string, buffers: readonly Buffer[]): Promise<void> {
  const [host, port] = [carbon.slice(0, carbon.lastIndexOf(':')), Number(carbon.slice(carbon.lastIndexOf(':') + 1))];
  const socket = connect(port, host);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.resume();
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  for (const b of buffers) if (!socket.write(b)) await new Promise((resolve) => socket.once('drain', resolve));
  socket.end();
  await closed;
}

/**
 * Carbon plaintext over TCP into `carbyne serve` running in a child process: points per CPU
 * second of the server (its /proc CPU time, every thread, from the first byte sent until the
 * connection closes after the last line; the client's own CPU is not counted). `rounds` lines
 * per series, values of two decimals jumping around 100-300, one connection per send. The first
 * round (new series: name, id, schema, registry and index) is sent and done, and the server
 * idle, before the window opens. The window may hold a round of the server's flush timer
 * (every 10 s), which is part of ingesting. The points are then read back through /render, so
 * the figure counts only points that were stored.
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
    // nothing is asked of the server meanwhile: an answer of /prometheus/metrics costs it
    // milliseconds (its gauges walk every series; ~27 ms at 100 000 series), which polling
    // would add to the figure
    const send = (buffers: Buffer[]) => sendPlaintext(carbon, buffers);
    await send([payload(0)]);
    // the new series are registered with the index in the background
    await untilIdle(child.pid!);
    const buffers = Array.from({ length: rounds - 1 }, (_, r) => payload(r + 1));
    const cpu0 = processCpuSeconds(child.pid!);
    await send(buffers);
    const cpu = processCpuSeconds(child.pid!) - cpu0;
    const total = seriesCount * rounds;
    const accepted = await acceptedSoFar(http);
    if (accepted !== total) throw new Error(`the server accepted ${accepted} points of ${total}`);
    const points = seriesCount * (rounds - 1);
    log(`TCP: ${points} points of ${seriesCount} series in ${cpu.toFixed(2)} server CPU-s`);
    // the first 1000 series are bench.host*.sys0.metric0 (metricNames)
    const sample = Math.min(seriesCount, 1000);
    const stored = await storedPoints(http, 'bench.*.sys0.metric0', t0 - 20, now);
    if (stored !== sample * rounds) throw new Error(`read back ${stored} points of the ${sample * rounds} sent for ${sample} series`);
    log(`read back through /render: ${stored} points of ${sample} series, all stored`);
    return { pointsPerCpuSecond: points / cpu, points, cpu };
  } finally {
    const gone = exited(child);
    child.kill('SIGTERM');
    await gone;
    rmSync(dir, { recursive: true, force: true });
  }
}
