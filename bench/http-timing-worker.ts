/**
 * The HTTP client of the render benchmark, in a worker thread of its own so that receiving an
 * answer never shares the event loop with the server being measured (carbyne runs in the main
 * thread). Sequential GETs over one keep-alive connection per host; a sample is the time from
 * sending the request to the last byte of the body, as received (a gzip body is not inflated
 * inside the timing).
 */
import { Agent, request } from 'node:http';
import { parentPort } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import type { TimingRequest, TimingResult } from './http-timing.js';

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

interface Answer {
  status: number;
  ms: number;
  body: Buffer[];
  wireBytes: number;
  encoding: string | undefined;
}

function get(url: string, gzip: boolean, keep: boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = request(url, { agent, headers: { 'accept-encoding': gzip ? 'gzip' : 'identity' } }, (res) => {
      const body: Buffer[] = [];
      let wireBytes = 0;
      res.on('data', (chunk: Buffer) => {
        wireBytes += chunk.length;
        if (keep) body.push(chunk);
      });
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        resolve({ status: res.statusCode ?? 0, ms, body, wireBytes, encoding: res.headers['content-encoding'] });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function count(haystack: Buffer, needle: string): number {
  const n = Buffer.from(needle);
  let found = 0;
  for (let at = haystack.indexOf(n); at >= 0; at = haystack.indexOf(n, at + n.length)) found++;
  return found;
}

/** Series and points of a graphite json answer, counted on the bytes (answers may be far beyond what JSON.parse takes quickly). */
function shape(body: Buffer): { series: number; points: number; nulls: number } {
  return { series: count(body, '"target": '), points: count(body, '], [') + count(body, ']]'), nulls: count(body, '[null, ') };
}

async function time(r: TimingRequest): Promise<TimingResult> {
  // the first answer is the one checked; it (and a second one after a short first) warms both sides up, untimed
  const first = await get(r.url, r.gzip, true);
  const wire = Buffer.concat(first.body);
  const body = first.encoding === 'gzip' ? gunzipSync(wire) : wire;
  if (first.status !== 200) return { status: first.status, samples: [], requests: 1, wireBytes: first.wireBytes, bodyBytes: body.length, gzipped: false, error: body.subarray(0, 300).toString() };
  // a long request has warmed up the code it runs by its own length
  const warm = first.ms < 250 ? await get(r.url, r.gzip, false) : first;
  const rounds = Math.max(r.minRounds, Math.min(r.maxRounds, Math.ceil(r.budgetMs / Math.max(warm.ms, 0.01))));
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const a = await get(r.url, r.gzip, false);
    if (a.status !== 200 || (!r.variableLength && a.wireBytes !== first.wireBytes)) throw new Error(`${r.url}: answer changed between rounds (${a.status}, ${a.wireBytes} bytes, first ${first.wireBytes})`);
    samples.push(a.ms);
  }
  return {
    status: first.status,
    samples,
    requests: samples.length + (warm === first ? 1 : 2),
    wireBytes: first.wireBytes,
    bodyBytes: body.length,
    gzipped: first.encoding === 'gzip',
    ...(r.json ? shape(body) : {}),
    ...(r.keepBody ? { body: body.toString(r.json ? 'utf8' : 'latin1') } : {}),
  };
}

parentPort!.on('message', (msg: { id: number; request: TimingRequest } | 'close') => {
  if (msg === 'close') {
    agent.destroy();
    parentPort!.close();
    return;
  }
  time(msg.request).then(
    (result) => parentPort!.postMessage({ id: msg.id, result }),
    (err: Error) => parentPort!.postMessage({ id: msg.id, error: err.message }),
  );
});
