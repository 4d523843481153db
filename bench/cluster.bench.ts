/**
 * The cost of a cluster's fan-out: the same render (1, 100 and 400 series over 6 h, json) asked
 * of one node holding every series and of a node of a three-node cluster (shared nothing,
 * replication 1) whose series are spread over the three, each a process of its own on
 * loopback, in the same run, over the same transport (HttpTimer: sequential requests on one
 * kept-alive connection, from a worker thread). The cluster node finds on all three and reads each series from its owner (the
 * node's own share locally, the others' in one binary call per node). Both answers must be
 * byte for byte the same, or the benchmark fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freePorts } from '../test/helpers/free-ports.js';
import { figure, type Benchmark, type BenchContext, type Figure } from './harness.js';
import { HttpTimer } from './http-timing.js';
import { renderTarget } from './render-data.js';

const CHILD = fileURLToPath(new URL('./cluster-node-child.js', import.meta.url));
const HOURS = 6;

interface Node {
  readonly child: ChildProcess;
  readonly port: number;
}

async function startNode(config: Record<string, unknown>, series: number, port: number): Promise<Node> {
  const child = spawn(process.execPath, [CHILD, JSON.stringify({ config, series, hours: HOURS })], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`a benchmark node exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('ready')) resolve();
    });
  });
  return { child, port };
}

async function stop(node: Node | undefined): Promise<void> {
  if (node === undefined || node.child.exitCode !== null) return;
  const exited = new Promise((r) => node.child.once('exit', r));
  node.child.kill('SIGTERM');
  await exited;
}

export const benchmark: Benchmark = {
  name: 'cluster',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const work = mkdtempSync(join(tmpdir(), 'carbyne-bench-cluster-'));
    const series = 400;
    const nodes: Node[] = [];
    const timer = new HttpTimer();
    try {
      const ports = await freePorts(4);
      const base = (name: string, port: number) => ({
        dataDir: join(work, name),
        logLevel: 'warn',
        http: { listen: `127.0.0.1:${port}` },
        carbon: { enabled: false },
        pickle: { enabled: false },
        selfMetrics: { enabled: false },
        flush: { intervalMs: 3_600_000 },
      });
      const members = ['a', 'b', 'c'].map((name, i) => ({ name, url: `http://127.0.0.1:${ports[1 + i]}`, carbon: `127.0.0.1:${20000 + i}` }));
      ctx.log(`${series} series of ${HOURS} h at 10 s: one node, and three nodes sharing them`);
      const starts = [startNode(base('single', ports[0]), series, ports[0]), ...members.map((m, i) => startNode({ ...base(m.name, ports[1 + i]), cluster: { self: m.name, nodes: members } }, series, ports[1 + i]))];
      const started = await Promise.allSettled(starts);
      for (const s of started) if (s.status === 'fulfilled') nodes.push(s.value);
      const failed = started.find((s) => s.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;

      const [single, clusterNode] = [nodes[0], nodes[1]];
      const figures: Figure[] = [];
      for (const count of [1, 100, 400]) {
        const path = `/render?target=${encodeURIComponent(renderTarget(count))}&from=-${HOURS}h&format=json`;
        const check = await fetch(`http://127.0.0.1:${clusterNode.port}${path}`);
        if (check.headers.get('x-carbyne-partial')) throw new Error(`${count} series: a partial answer (${check.headers.get('x-carbyne-partial')})`);
        const request = { gzip: false, json: true, keepBody: true, budgetMs: ctx.quick ? 2000 : 20_000, minRounds: ctx.quick ? 5 : 30, maxRounds: ctx.quick ? 20 : 300 };
        const one = await timer.time({ ...request, url: `http://127.0.0.1:${single.port}${path}` });
        const spread = await timer.time({ ...request, url: `http://127.0.0.1:${clusterNode.port}${path}` });
        if (spread.body !== one.body) throw new Error(`${count} series: the cluster's answer differs from one node's`);
        if (one.series !== count) throw new Error(`${count} series: ${one.series} answered`);
        figures.push(
          figure(`render ${count} series ${HOURS}h json, 3 nodes, median`, spread.median, 'ms', { name: 'one node', value: one.median }),
          figure(`render ${count} series ${HOURS}h json, 3 nodes, p99`, spread.p99, 'ms', { name: 'one node', value: one.p99 }),
        );
      }
      return figures;
    } finally {
      await timer.close();
      await Promise.all(nodes.map(stop));
      rmSync(work, { recursive: true, force: true });
    }
  },
};
