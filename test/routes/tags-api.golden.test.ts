import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startTestApp } from '../helpers/app.js';
import { send, type CapturedAnswer } from '../fixtures/tags-api/capture.js';
import { REQUESTS } from '../fixtures/tags-api/requests.js';

// graphite-web 1.1.8's answers to the tag API (test/fixtures/tags-api/capture.ts), replayed in
// order against carbyne: status, content type and body byte for byte.
const captured = JSON.parse(readFileSync('test/fixtures/tags-api/answers.json', 'utf8')) as { answers: CapturedAnswer[] };

/**
 * Where carbyne answers otherwise on purpose: graphite-web fails with a 500 on input it cannot
 * use (a bad regex, a name it cannot parse); carbyne answers 400 with the same JSON shape.
 */
const DIFFERENCES: Record<string, { status: number; error: RegExp }> = {
  find_bad_regex: { status: 400, error: /^invalid regular expression "\^\(\(\)": .* in tagspec dc=~\($/ },
  list_filter_bad: { status: 400, error: /^invalid regular expression "\^\(\(\)": .* in filter \($/ },
  tag_series_bad_segment: { status: 400, error: /^Cannot parse path a;b, invalid segment b$/ },
  tag_series_bad_value: { status: 400, error: /^Tag values are not allowed to start with "~" in tag "b"$/ },
  del_bad: { status: 400, error: /^Cannot parse path a;b, invalid segment b$/ },
};

test("carbyne answers graphite-web's tag API as graphite-web does, request after request", async () => {
  const app = await startTestApp();
  try {
    assert.equal(captured.answers.length, REQUESTS.length, 'answers.json is the capture of requests.ts');
    for (const [i, req] of REQUESTS.entries()) {
      const expected = captured.answers[i];
      assert.equal(expected.name, req.name, 'answers.json is the capture of requests.ts, in order');
      const actual = await send(app.url, req);
      const known = DIFFERENCES[req.name];
      if (known) {
        assert.equal(expected.status, 500, `${req.name}: graphite-web fails`);
        assert.equal(actual.status, known.status, req.name);
        assert.equal(actual.contentType, 'application/json', req.name);
        assert.match((JSON.parse(actual.body) as { error: string }).error, known.error, req.name);
        continue;
      }
      assert.deepEqual({ status: actual.status, type: actual.contentType, body: actual.body }, { status: expected.status, type: expected.contentType, body: expected.body }, req.name);
    }
  } finally {
    await app.destroy();
  }
});
