import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { startTestApp } from '../helpers/app.js';
import { freePorts } from '../helpers/free-ports.js';
import { WIRE_CONTENT_TYPE } from '../../src/cluster/wire/messages.js';

/**
 * A node whose peers misbehave: one accepts connections and never answers, one answers a
 * trickle of bytes that never ends, one answers garbage over HTTP, one sends bytes that are not
 * HTTP at all. The node's own data still answers, within the request's time limit (the calls
 * are allowed a minute; the request 2 s): 200 with the X-Carbyne-Partial header naming them,
 * a log line and the partial-answer counter; 503 with strictReads.
 */

const FAKES = ['silent', 'trickle', 'garbage', 'nothttp'] as const;
type Fake = (typeof FAKES)[number];

const servers: TcpServer[] = [];
const sockets = new Set<Socket>();

function track(server: TcpServer): TcpServer {
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  servers.push(server);
  return server;
}

function startFake(kind: Fake, port: number): Promise<void> {
  let server: TcpServer;
  switch (kind) {
    case 'silent':
      server = track(createTcpServer(() => undefined));
      break;
    case 'nothttp':
      server = track(createTcpServer((s) => s.write(Buffer.from('\x00\xffnot a protocol anyone speaks\r\n\r\n'))));
      break;
    case 'trickle':
      server = track(
        createHttpServer((_req, res) => {
          res.writeHead(200, { 'content-type': WIRE_CONTENT_TYPE });
          const timer = setInterval(() => res.write(Buffer.from([0x43])), 100);
          res.on('close', () => clearInterval(timer));
        }),
      );
      break;
    case 'garbage':
      server = track(
        createHttpServer((req, res) => {
          req.resume();
          req.on('end', () => {
            res.writeHead(200, { 'content-type': WIRE_CONTENT_TYPE });
            res.end(Buffer.from('CBYN\x01\x01\xff\xff\xff\x7fthis is not an answer'));
          });
        }),
      );
      break;
  }
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
}

let ports: number[];
const SERIES = ['faults.a.one', 'faults.a.two', 'faults.b.three'];
const NOW = Math.floor(Date.now() / 1000);

before(async () => {
  ports = await freePorts(FAKES.length);
  await Promise.all(FAKES.map((kind, i) => startFake(kind, ports[i])));
});

after(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

async function startNode(strictReads: boolean, logLines: string[] = []) {
  // a port of its own: a client's kept-alive connection to an earlier node must not be reused
  const [port] = await freePorts(1);
  const nodes = [{ name: 'self', url: `http://127.0.0.1:${port}`, carbon: '127.0.0.1:2003' }, ...FAKES.map((name, i) => ({ name, url: `http://127.0.0.1:${ports[i]}`, carbon: `127.0.0.1:${3000 + i}` }))];
  const t = await startTestApp({
    http: { listen: `127.0.0.1:${port}` },
    // every point stays here: the fakes own some of these names, and this node answers for them
    cluster: { self: 'self', nodes, replicas: 1, forward: false, strictReads, timeoutMs: 60_000, probeIntervalMs: 60_000 },
    limits: { render: { timeoutMs: 2000 }, find: { timeoutMs: 2000 } },
  }, undefined, { logger: { level: 'warn', stream: { write: (line: string) => void logLines.push(line) } } });
  for (const name of SERIES) for (let k = 0; k < 5; k++) t.app.pointWriter.write(name, k, NOW - 50 + 10 * k);
  t.app.pointWriter.commit();
  return t;
}

test('renders and finds answer from what the node has, within their time limit, with the partial header', async () => {
  const logLines: string[] = [];
  const t = await startNode(false, logLines);
  try {
    // the nodes start `up`: this first request meets every fault on the wire
    const res = await fetch(`${t.url}/render?target=faults.*.*&from=-5min&format=json`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.headers.get('x-carbyne-partial')?.split(',').sort(), [...FAKES].sort());
    const series = (await res.json()) as Array<{ target: string; datapoints: Array<[number | null, number]> }>;
    assert.deepEqual(series.map((s) => s.target).sort(), SERIES);
    for (const s of series) assert.deepEqual(s.datapoints.filter(([v]) => v !== null).map(([v]) => v), [0, 1, 2, 3, 4]);

    // now known to be down, they are not waited for again, and still named
    const find = await fetch(`${t.url}/metrics/find?query=faults.*`);
    assert.equal(find.status, 200);
    assert.deepEqual(find.headers.get('x-carbyne-partial')?.split(',').sort(), [...FAKES].sort());
    assert.deepEqual(((await find.json()) as Array<{ text: string }>).map((n) => n.text).sort(), ['a', 'b']);

    const status = (await (await fetch(`${t.url}/cluster`)).json()) as { nodes: Array<{ name: string; state: string; lastError: string | null }> };
    for (const fake of FAKES) assert.equal(status.nodes.find((n) => n.name === fake)?.state, 'down', fake);
    assert.equal(t.app.stats.counter('cluster.partial_answers').value, 2);
    const partialLines = logLines.map((l) => JSON.parse(l) as { msg: string; nodes?: string[]; url?: string }).filter((l) => /partial answer/.test(l.msg));
    assert.deepEqual(partialLines.map((l) => l.url), ['/render?target=faults.*.*&from=-5min&format=json', '/metrics/find?query=faults.*']);
    assert.deepEqual(partialLines[0].nodes, [...FAKES].sort());

    // local=1 asks nobody: nothing is missing
    const local = await fetch(`${t.url}/render?target=faults.*.*&from=-5min&format=json&local=1`);
    assert.equal(local.status, 200);
    assert.equal(local.headers.get('x-carbyne-partial'), null);
    assert.equal(((await local.json()) as unknown[]).length, 3);
  } finally {
    await t.destroy();
  }
});

test('with cluster.strictReads a read missing some node answers 503 naming the nodes', async () => {
  const t = await startNode(true);
  try {
    for (const url of ['/render?target=faults.*.*&from=-5min&format=json', '/metrics/find?query=faults.*', '/metrics/expand?query=faults.*', '/metrics/index.json']) {
      const res = await fetch(`${t.url}${url}`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(res.status, 503, url);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
      assert.match(await res.text(), /did not answer|not every node/i, url);
      assert.deepEqual(res.headers.get('x-carbyne-partial')?.split(',').sort(), [...FAKES].sort(), url);
    }
  } finally {
    await t.destroy();
  }
});
