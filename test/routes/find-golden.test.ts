import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp } from '../helpers/app.js';
import { findTreeNames, loadFindCases, replayFindCases, sampleNames } from '../helpers/find-replay.js';
import { ManualClock } from '../../src/lib/clock.js';

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

const SUITES = [
  { suite: 'tree', schemas: 'test/fixtures/find/storage-schemas.conf', names: findTreeNames },
  { suite: 'shared', schemas: 'test/fixtures/oracle/storage-schemas.conf', names: sampleNames },
];

for (const { suite, schemas, names } of SUITES) {
  test(`find, expand and index.json answer as graphite-web 1.1.8 over the ${suite} tree`, async () => {
    const cases = loadFindCases(suite);
    assert.ok(cases.length > 30);
    const clock = new ManualClock(1795316580 * 1000);
    const t = await startTestApp({ storageSchemas: schemas }, clock);
    try {
      await t.app.index.register(names());
      const failures = await replayFindCases(cases, {
        setNow: async (seconds) => clock.set(seconds),
        ask: async (c) => {
          const r = await t.app.http.inject({ method: c.method, url: c.url, headers: c.headers, ...(c.body === null ? {} : { payload: c.body }) });
          return {
            status: r.statusCode,
            contentType: (r.headers['content-type'] as string | undefined) ?? null,
            pragma: (r.headers.pragma as string | undefined) ?? null,
            cacheControl: (r.headers['cache-control'] as string | undefined) ?? null,
            raw: r.rawPayload,
          };
        },
      });
      assert.deepEqual(failures, []);
    } finally {
      await t.destroy();
    }
  });
}
