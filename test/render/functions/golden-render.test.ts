/**
 * End to end: carbyne fed the same points as the oracle's whisper files, over its carbon
 * plaintext TCP listener as a carbon relay would send them, must answer every captured function
 * case (test/fixtures/functions/golden) through GET /render as graphite-web 1.1.8 did: first
 * from hot chunks, then once everything is flushed, from the store. (golden.test.ts checks the
 * same cases on graphite-web's own raw inputs, without storage.)
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startGoldenApp, type GoldenApp } from '../../helpers/golden-app.js';
import { GOLDEN_NOW } from '../../helpers/golden-data.js';
import { assertCaseAnswer } from '../../helpers/golden-answer.js';
import { allCapturedCases, type CapturedCase } from '../../fixtures/functions/cases.js';

const cases = allCapturedCases();

let app: GoldenApp;
before(async () => {
  for (const { golden } of cases) assert.equal(golden.now, GOLDEN_NOW);
  app = await startGoldenApp({ via: 'carbon' });
});
after(() => app.destroy());

async function check(c: CapturedCase): Promise<void> {
  const res = await fetch(app.url + c.url);
  assert.equal(res.status, 200, `${c.id}: ${c.target}: ${res.status === 200 ? '' : (await res.text()).slice(0, 300)}`);
  assertCaseAnswer(await res.json(), c);
}

for (const { c } of cases) test(`hot: ${c.id}: ${c.target}`, () => check(c));

test('every golden point is flushed to the store', () => app.persist());

for (const { c } of cases) test(`stored: ${c.id}: ${c.target}`, () => check(c));
