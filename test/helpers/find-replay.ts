import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import assert from 'node:assert/strict';
import { KNOWN_GAPS, difference, type Actual, type Case } from './find-answers.js';
import { parseMetricName } from '../../src/series/name.js';
import type { MetricName } from '../../src/series/types.js';

/** Where carbyne answers differently on purpose, and why (only the body may differ). */
const BODY_DIFFERS: Record<string, string> = {};

/** graphite-web's captured find cases of one suite (test/fixtures/find/capture.sh). */
export function loadFindCases(suite: string): Case[] {
  return (JSON.parse(readFileSync(`test/fixtures/find/${suite}.json`, 'utf8')) as { cases: Case[] }).cases;
}

/** The names of the find `tree` suite (test/fixtures/find/names.txt). */
export function findTreeNames(): MetricName[] {
  return readFileSync('test/fixtures/find/names.txt', 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((name) => ({ name, tags: {} }));
}

/** The series names of the shared sample data (test/fixtures/oracle). */
export function sampleNames(): MetricName[] {
  const lines = gunzipSync(readFileSync('test/fixtures/oracle/sample-points.txt.gz')).toString('utf8').split('\n');
  const raw = new Set(lines.filter((l) => l !== '').map((l) => l.split(' ')[0]));
  return [...raw].map((r) => {
    const parsed = parseMetricName(r);
    if (!parsed.ok) throw new Error(`${r}: ${parsed.reason}`);
    return parsed.metric;
  });
}

export interface FindTarget {
  /** pins the answering server's clock at graphite-web's wall time of the case */
  setNow(seconds: number): Promise<void>;
  /** sends the case's request */
  ask(c: Case): Promise<Actual>;
}

/**
 * Replays every case against a server and lists what differs from graphite-web's answers
 * (status, type, cache headers, body; intervals end at the server's now). KNOWN_GAPS must still
 * differ.
 */
export async function replayFindCases(cases: readonly Case[], target: FindTarget): Promise<string[]> {
  const failures: string[] = [];
  let set: number | undefined;
  for (const c of cases) {
    const now = Math.floor(c.walls[0]);
    if (now !== set) await target.setNow(now);
    set = now;
    const actual = await target.ask(c);
    const checkEnd = (end: number) => assert.equal(end, now, "carbyne's interval ends at its now");
    const problems = c.answers.map((expected, i) => difference(c, expected, actual, { wall: c.walls[i], checkEnd, bodyDiffers: BODY_DIFFERS }));
    const differs = problems.every((p) => p !== null);
    if (c.name in KNOWN_GAPS) {
      if (!differs) failures.push(`${c.name}: now answers as graphite-web; remove it from KNOWN_GAPS`);
    } else if (differs) {
      failures.push(`${c.name} (${c.url}): ${problems[0]}`);
    }
  }
  return failures;
}

/**
 * A case's request over HTTP with exactly the case's headers (fetch would add an `Accept` header of its own,
 * which changes graphite-web's answer), answered as find's comparison reads it.
 */
export function fetchFindCase(baseUrl: string, c: Case): Promise<Actual> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(c.url, baseUrl), { method: c.method, headers: c.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (b: Buffer) => chunks.push(b));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'] ?? null,
          pragma: (res.headers.pragma as string | undefined) ?? null,
          cacheControl: res.headers['cache-control'] ?? null,
          raw: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', reject);
    req.end(c.body ?? undefined);
  });
}
