/**
 * A driver for profiling the graphite-web side by side's shapes on its own data (the oracle's
 * bench_spec.json: 20 series x 1 d at 10 s, three-decimal values), in-process, 8 s of sequential
 * requests; not a benchmark, it prints only the mean time per request:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/profile-peer.js [hot|mixed|persisted] [sum|json] [seconds]
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { feed } from './render-peer.bench.js';
import { startRenderApp } from './render-app.js';
import { RENDER_NOW } from './render-data.js';
import { ORACLE_DIR } from '../test/helpers/oracle.js';

const state = process.argv[2] ?? 'hot';
const sum = (process.argv[3] ?? 'sum') === 'sum';
const seconds = Number(process.argv[4] ?? 8);
const work = mkdtempSync(join(tmpdir(), 'carbyne-profile-peer-'));
const points = join(work, 'points.txt');
execFileSync('/usr/bin/python3', [join(ORACLE_DIR, 'make_whisper.py'), join(ORACLE_DIR, 'bench_spec.json'), join(work, 'whisper'), '--now', String(RENDER_NOW), '--emit-plaintext', points, '--quiet']);
let requestsServed = 0;
const app = await startRenderApp(RENDER_NOW, '10s:1d', {
  beforeListen: async (http) => {
    http.addHook('onResponse', async () => {
      requestsServed++;
    });
  },
});
feed(app, readFileSync(points, 'utf8'));
await app.waitForIndex('bench.*.cpu.user', 20);
if (state === 'mixed') await app.persistClosedWindows();
if (state === 'persisted') await app.persistAll();
await app.settle();
const target = sum ? 'sumSeries(bench.*.cpu.user)' : 'bench.*.cpu.user';
const url = `${app.url}/render?target=${encodeURIComponent(target)}&from=-1d&format=json&now=${RENDER_NOW}`;
// the client runs in a process of its own, so that a profile of this one holds the server only
const client = `
const url = process.argv[1]; const seconds = Number(process.argv[2]);
const times = []; const t0 = performance.now();
while (performance.now() - t0 < seconds * 1000) {
  const s = performance.now(); const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } }); await res.arrayBuffer(); times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
console.log(times.length + ' requests, median ' + times[times.length >> 1].toFixed(2) + ' ms, p10 ' + times[Math.floor(times.length / 10)].toFixed(2) + ' ms');`;
const served0 = requestsServed;
const cpu0 = process.cpuUsage();
const elu0 = performance.eventLoopUtilization();
const child = spawn(process.execPath, ['--input-type=module', '-e', client, url, String(seconds)], { stdio: ['ignore', 'inherit', 'inherit'] });
await new Promise((resolve) => child.on('exit', resolve));
const cpu = process.cpuUsage(cpu0);
const elu = performance.eventLoopUtilization(elu0);
const served = requestsServed - served0;
console.log(`server: ${((cpu.user + cpu.system) / 1000 / served).toFixed(2)} ms of CPU (all threads) and ${(elu.active / served).toFixed(2)} ms of event loop a request`);
await app.destroy();
rmSync(work, { recursive: true, force: true });
