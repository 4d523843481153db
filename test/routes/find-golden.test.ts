import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { startTestApp } from '../helpers/app.js';
import { KNOWN_GAPS, difference, type Case } from '../helpers/find-answers.js';
import { ManualClock } from '../../src/lib/clock.js';
import { parseMetricName } from '../../src/series/name.js';
import type { MetricName } from '../../src/series/types.js';

/**
 * carbyne's /metrics/find, /metrics/expand and /metrics/index.json against graphite-web
 * 1.1.8's own answers (test/fixtures/find/capture.sh), over the same trees: status, content
 * type, cache headers and bodies byte for byte, with two kinds of latitude, both graphite-web's
 * own doing:
 * - where graphite-web's order is random (it shuffles what its finders return, then sorts
 *   stably by name), nodes of equal name may come in any order; for treejson, which keeps one
 *   node per name, any answer graphite-web gave is accepted;
 * - intervals (json, pickle, msgpack): graphite-web reports [now - longest retention, file
 *   mtime]; carbyne [now - longest retention, now]. Starts must agree within 2 s of the
 *   request's clock; carbyne's end must be its now and graphite-web's no later than the request.
 */

/** Where carbyne answers differently on purpose, and why (only the body may differ). */
const BODY_DIFFERS: Record<string, string> = {};

function load(suite: string): Case[] {
  return (JSON.parse(readFileSync(`test/fixtures/find/${suite}.json`, 'utf8')) as { cases: Case[] }).cases;
}

function treeNames(): MetricName[] {
  return readFileSync('test/fixtures/find/names.txt', 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((name) => ({ name, tags: {} }));
}

function sharedNames(): MetricName[] {
  const lines = gunzipSync(readFileSync('test/fixtures/oracle/sample-points.txt.gz')).toString('utf8').split('\n');
  const raw = new Set(lines.filter((l) => l !== '').map((l) => l.split(' ')[0]));
  return [...raw].map((r) => {
    const parsed = parseMetricName(r);
    if (!parsed.ok) throw new Error(`${r}: ${parsed.reason}`);
    return parsed.metric;
  });
}

const SUITES = [
  { suite: 'tree', schemas: 'test/fixtures/find/storage-schemas.conf', names: treeNames },
  { suite: 'shared', schemas: 'test/fixtures/oracle/storage-schemas.conf', names: sharedNames },
];

for (const { suite, schemas, names } of SUITES) {
  test(`find, expand and index.json answer as graphite-web 1.1.8 over the ${suite} tree`, async () => {
    const cases = load(suite);
    assert.ok(cases.length > 30);
    const clock = new ManualClock(1795316580 * 1000);
    const t = await startTestApp({ storageSchemas: schemas }, clock);
    try {
      await t.app.index.register(names());
      const failures: string[] = [];
      for (const c of cases) {
        const wall = c.walls[0];
        clock.set(Math.floor(wall));
        const r = await t.app.http.inject({
          method: c.method,
          url: c.url,
          headers: c.headers,
          ...(c.body === null ? {} : { payload: c.body }),
        });
        const actual = {
          status: r.statusCode,
          contentType: (r.headers['content-type'] as string | undefined) ?? null,
          pragma: (r.headers.pragma as string | undefined) ?? null,
          cacheControl: (r.headers['cache-control'] as string | undefined) ?? null,
          raw: r.rawPayload,
        };
        const now = clock.nowSeconds();
        const checkEnd = (end: number) => assert.equal(end, now, "carbyne's interval ends at its now");
        const problems = c.answers.map((expected, i) => difference(c, expected, actual, { wall: c.walls[i], checkEnd, bodyDiffers: BODY_DIFFERS }));
        const differs = problems.every((p) => p !== null);
        if (c.name in KNOWN_GAPS) {
          if (!differs) failures.push(`${c.name}: now answers as graphite-web; remove it from KNOWN_GAPS`);
        } else if (differs) {
          failures.push(`${c.name} (${c.url}): ${problems[0]}`);
        }
      }
      assert.deepEqual(failures, []);
    } finally {
      await t.destroy();
    }
  });
}

