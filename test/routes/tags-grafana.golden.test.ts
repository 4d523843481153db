import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { GoldenApp } from '../helpers/golden-app.js';
import type { GoldenDataSet } from '../helpers/golden-data.js';
import { assertJsonClose } from '../helpers/compare.js';
import { send, type GrafanaAnswer } from '../fixtures/tags-grafana/capture.js';
import { NOW, SESSION } from '../fixtures/tags-grafana/session.js';

// Grafana's query editor in tag mode (test/fixtures/tags-grafana/session.ts), replayed against
// carbyne fed the same points graphite-web's whisper files hold, answer after answer compared
// with graphite-web's (captured by capture.ts): tag lists and finds byte for byte, renders as
// Grafana reads them.
const DIR = fileURLToPath(new URL('../fixtures/tags-grafana/', import.meta.url));
const captured = JSON.parse(readFileSync(`${DIR}answers.json`, 'utf8')) as { now: number; answers: GrafanaAnswer[] };

const DATA: GoldenDataSet = {
  now: NOW,
  rules: { storageSchemas: `${DIR}storage-schemas.conf`, storageAggregation: `${DIR}storage-aggregation.conf` },
  plaintext: () => gunzipSync(readFileSync(`${DIR}points.txt.gz`)),
};

test("Grafana's tag editor gets from carbyne what graphite-web answers, hot and after a flush", async () => {
  assert.equal(captured.now, NOW);
  assert.deepEqual(captured.answers.map((a) => a.name), SESSION.map((r) => r.name), 'answers.json is the capture of session.ts');
  const app = await GoldenApp.start({ data: DATA });
  try {
    for (const state of ['hot', 'stored']) {
      if (state === 'stored') await app.persist();
      for (const [i, req] of SESSION.entries()) {
        const expected = captured.answers[i];
        const actual = await send(app.url, req);
        const what = `${state} ${req.name}`;
        assert.equal(actual.status, expected.status, what);
        assert.equal(actual.contentType, expected.contentType, what);
        if (req.kind === 'exact') assert.equal(actual.body, expected.body, what);
        else assertJsonClose(JSON.parse(actual.body), JSON.parse(expected.body), what);
      }
    }
  } finally {
    await app.destroy();
  }
});
