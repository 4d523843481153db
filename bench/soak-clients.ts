/**
 * The soak benchmark's clients, in a worker thread so that their work does not share the
 * server's event loop: carbon plaintext at a fixed rate over one TCP connection, Grafana-like
 * dashboards from many concurrent clients (a find, then a panel of renders, then a pause), and
 * a hostile request now and then. Every answer is timed and reported to the main thread.
 */
import { connect } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { Agent, request } from 'node:http';
import { soakMetric, type SoakClientOptions, type SoakSample } from './soak-data.js';

const opts = workerData as SoakClientOptions;
const started = performance.now();
const until = started + opts.durationMs;
const agent = new Agent({ keepAlive: true, maxSockets: opts.dashboards * 4 + 4 });
let batch: SoakSample[] = [];

function report(sample: SoakSample): void {
  batch.push(sample);
  if (batch.length >= 200) flush();
}

function flush(): void {
  if (batch.length > 0) parentPort!.postMessage({ samples: batch });
  batch = [];
}

/** A request timed to its last byte; `expected` statuses count as answered (a limit's 422 for a hostile request). */
async function timed(kind: string, path: string, expected: readonly number[] = [200], method: 'GET' | 'POST' = 'GET', body?: string): Promise<void> {
  const t0 = performance.now();
  try {
    const { status, body: answer } = await send(path, method, body);
    const ok = expected.includes(status);
    report({ kind, at: t0 - started, ms: performance.now() - t0, ok, status, error: ok ? undefined : answer.toString('utf8').slice(0, 200) });
  } catch (err) {
    report({ kind, at: t0 - started, ms: performance.now() - t0, ok: false, status: 0, error: String(err) });
  }
}

function send(path: string, method: string, body: string | undefined): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'accept-encoding': 'gzip' };
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const req = request(`${opts.http}${path}`, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Carbon plaintext: every metric of every host gets a point per round, rounds at the rate asked. */
async function ingest(): Promise<void> {
  const socket = connect(opts.carbonPort, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const perRound = opts.hosts * opts.metricsPerHost;
  const roundMs = (perRound / opts.pointsPerSecond) * 1000;
  let written = 0;
  for (let round = 0; performance.now() < until; round++) {
    const now = Math.floor(Date.now() / 1000);
    const lines: string[] = [];
    for (let h = 0; h < opts.hosts; h++) for (let m = 0; m < opts.metricsPerHost; m++) lines.push(`${soakMetric(h, m)} ${((h * 31 + m * 7 + round) % 100) + 0.5} ${now}\n`);
    const t0 = performance.now();
    if (!socket.write(lines.join(''))) await new Promise((r) => socket.once('drain', r));
    written += lines.length;
    report({ kind: 'ingest (write of a round)', at: t0 - started, ms: performance.now() - t0, ok: true, status: 200 });
    const next = started + (round + 1) * roundMs;
    await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
  }
  socket.end();
  parentPort!.postMessage({ written });
}

/** A dashboard: the template variable's find, then a panel of four renders at once, every few seconds. */
async function dashboard(id: number): Promise<void> {
  for (let round = 0; performance.now() < until; round++) {
    const host = (id * 7 + round) % opts.hosts;
    const h = String(host).padStart(3, '0');
    await timed('find (template variable)', `/metrics/find?query=soak.*&format=treejson`);
    await Promise.all([
      timed('render (panel, 1 h)', `/render?target=soak.host${h}.cpu.*&from=-1h&format=json&maxDataPoints=800`),
      timed('render (panel, 1 h)', `/render?target=${encodeURIComponent(`aliasByNode(soak.host${h}.cpu.m0*,1,3)`)}&from=-1h&format=json&maxDataPoints=800`),
      timed('render (panel, 6 h)', `/render?target=${encodeURIComponent(`sumSeries(soak.host${h}.cpu.*)`)}&from=-6h&format=json&maxDataPoints=800`),
      timed('render (panel, 6 h)', `/render?target=${encodeURIComponent(`movingAverage(soak.host${h}.cpu.m01,10)`)}&from=-6h&format=json&maxDataPoints=800`),
    ]);
    await new Promise((r) => setTimeout(r, 500 + ((id * 131 + round * 17) % 1000)));
  }
}

/** Requests a careless or hostile user sends: a backtracking regex, a glob over everything, a heavy find. */
async function hostile(): Promise<void> {
  const kinds: Array<() => Promise<void>> = [
    () => timed('hostile: aliasSub backtracking', `/render?target=${encodeURIComponent('aliasSub(soak.*.cpu.*, "^(\\w|[a-z0-9.])+!", "x")')}&from=-1h&format=json`, [200, 400, 422]),
    () => timed('hostile: glob over everything', `/render?target=${encodeURIComponent('sumSeries(soak.*.*.*)')}&target=soak.*.*.*&from=-24h&format=json`, [200, 422]),
    () => timed('hostile: heavy find', `/metrics/find?query=soak.**`, [200, 422]),
    () => timed('hostile: many targets', '/render', [200, 422], 'POST', [...Array.from({ length: 300 }, (_, i) => `target=${soakMetric(i % opts.hosts, i % opts.metricsPerHost)}`), 'from=-24h', 'format=csv'].join('&')),
  ];
  for (let i = 0; performance.now() < until; i++) {
    await new Promise((r) => setTimeout(r, opts.hostileEveryMs));
    if (performance.now() >= until) break;
    await kinds[i % kinds.length]();
  }
}

await Promise.all([ingest(), hostile(), ...Array.from({ length: opts.dashboards }, (_, i) => dashboard(i))]);
flush();
agent.destroy();
parentPort!.postMessage({ done: true });
