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

async function acceptedSoFar(http: string): Promise<number> {
  const text = await (await fetch(`${http}/prometheus/metrics`)).text();
  const m = /^carbyne_engine_points_accepted_total (\d+)$/m.exec(text);
  return m ? Number(m[1]) : 0;
}

/**
 * Carbon plaintext over TCP into `carbyne serve` running in a child process: points per CPU
 * second of the server (its /proc CPU time across the run; the client's own CPU is not
 * counted). `rounds` lines per series, a 2-decimal random walk, one connection.
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
    // polled 4 times a second: each scrape walks every series (hot bytes), which is not ingest work
    const waitFor = async (n: number) => {
      while ((await acceptedSoFar(http)) < n) await new Promise((resolve) => setTimeout(resolve, 250));
    };
    await send([payload(0)]);
    await waitFor(seriesCount);
    const buffers = Array.from({ length: rounds - 1 }, (_, r) => payload(r + 1));
    const cpu0 = processCpuSeconds(child.pid!);
    await send(buffers);
    const total = seriesCount * rounds;
    await waitFor(total);
    const cpu = processCpuSeconds(child.pid!) - cpu0;
    const points = seriesCount * (rounds - 1);
    log(`TCP: ${points} points of ${seriesCount} series in ${cpu.toFixed(2)} server CPU-s`);
    return { pointsPerCpuSecond: points / cpu, points, cpu };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}
