import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp } from '../helpers/app.js';
import { ORACLE_DIR, type RunningOracle, startOracle } from '../helpers/oracle.js';
import { KNOWN_GAPS, difference, type Actual, type Answer, type Case } from '../helpers/find-answers.js';
import { readMsgpack, readPickle } from '../helpers/python-values.js';

/**
 * A real client: graphite-web 1.1.8 as a federating front end (CLUSTER_SERVERS) over carbyne,
 * which it asks `/metrics/find?local=1&format=pickle` and `/metrics/index.json?local=1`. Its
 * answers to every request of the find golden suite must equal those of graphite-web reading
 * the same tree from whisper files, asked at the same moment.
 */

const run = promisify(execFile);

test('graphite-web federating over carbyne answers as graphite-web over whisper files', async () => {
  const work = mkdtempSync(join(tmpdir(), 'carbyne-federation-'));
  const oracles: RunningOracle[] = [];
  const t = await startTestApp({ storageSchemas: 'test/fixtures/find/storage-schemas.conf' });
  try {
    const names = readFileSync('test/fixtures/find/names.txt', 'utf8').split('\n').filter((l) => l !== '');
    await t.app.index.register(names.map((name) => ({ name, tags: {} })));
    const asked: string[] = [];
    const find = t.app.index.find.bind(t.app.index);
    t.app.index.find = (pattern, opts) => {
      asked.push(pattern);
      return find(pattern, opts);
    };

    const now = Math.floor(Date.now() / 1000 / 60) * 60;
    await run('/usr/bin/python3', [join(ORACLE_DIR, 'make_whisper.py'), 'test/fixtures/find/find-spec.json', join(work, 'whisper'), '--now', String(now), '--quiet']);
    mkdirSync(join(work, 'empty'));
    const carbyne = new URL(t.url);
    const whisper = await startOracle({ dataDir: join(work, 'whisper') });
    oracles.push(whisper);
    const front = await startOracle({ dataDir: join(work, 'empty'), clusterServers: [`127.0.0.1:${carbyne.port}`] });
    oracles.push(front);

    const cases = (JSON.parse(readFileSync('test/fixtures/find/tree.json', 'utf8')) as { cases: Case[] }).cases.filter((c) => !c.randomOrder);
    const failures: string[] = [];
    for (const c of cases) {
      const wall = Date.now() / 1000;
      const expected = toAnswer(await send(whisper.port, c));
      const before = Math.floor(Date.now() / 1000);
      const actual = await send(front.port, c);
      const after = Math.ceil(Date.now() / 1000);
      const checkEnd = (end: number) => {
        if (end < before || end > after) assert.fail(`interval end ${end} is not carbyne's now (${before}..${after})`);
      };
      const problem = difference(c, expected, actual, { wall, checkEnd });
      if (c.name in KNOWN_GAPS) {
        if (problem === null) failures.push(`${c.name}: now answers as graphite-web; remove it from KNOWN_GAPS`);
      } else if (problem !== null) {
        failures.push(`${c.name} (${c.url}): ${problem}`);
      }
    }
    assert.deepEqual(failures, []);
    // the front end did ask carbyne: every find pattern and the whole tree for index.json
    assert.ok(asked.includes('lvb.*') && asked.includes('wide.dc1.rack1.*'), 'the front end sent its finds to carbyne');
    assert.ok(cases.length > 150);
  } finally {
    for (const oracle of oracles) await oracle.stop().catch(() => undefined);
    await t.destroy();
    rmSync(work, { recursive: true, force: true });
  }
});

/** The case's request, with exactly its headers (no Accept unless the case has one). */
function send(port: number, c: Case): Promise<Actual> {
  return new Promise((res, rej) => {
    const body = c.body === null ? undefined : Buffer.from(c.body, 'utf8');
    const req = request(
      { host: '127.0.0.1', port, method: c.method, path: c.url, headers: { ...c.headers, ...(body ? { 'Content-Length': body.length } : {}) }, timeout: 60_000 },
      (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (d: Buffer) => chunks.push(d));
        r.on('end', () =>
          res({
            status: r.statusCode ?? 0,
            contentType: r.headers['content-type'] ?? null,
            pragma: (r.headers.pragma as string | undefined) ?? null,
            cacheControl: r.headers['cache-control'] ?? null,
            raw: Buffer.concat(chunks),
          }),
        );
        r.on('error', rej);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${c.url}: no answer in 60 s`)));
    req.on('error', rej);
    req.end(body);
  });
}

/** A live graphite-web answer in the captured fixtures' form. */
function toAnswer(a: Actual): Answer {
  const base = { status: a.status, contentType: a.contentType, pragma: a.pragma, cacheControl: a.cacheControl };
  if (a.contentType === 'application/pickle') return { ...base, decoded: a.status === 200 ? readPickle(a.raw) : null };
  if (a.contentType === 'application/x-msgpack') return { ...base, decoded: a.status === 200 ? readMsgpack(a.raw) : null };
  return { ...base, body: a.status >= 500 ? null : a.raw.toString('utf8') };
}
