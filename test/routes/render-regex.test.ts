import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp } from '../helpers/app.js';

// A backtracking engine (Python's re, V8's RegExp) takes ~2^1000 steps for `(a+)+$` against these
// names; the test finishing at all is the proof that carbyne's engine does not backtrack.
const LONG = 'a'.repeat(1000);
let t: Awaited<ReturnType<typeof startTestApp>>;

before(async () => {
  t = await startTestApp({ carbon: { enabled: false }, pickle: { enabled: false }, selfMetrics: { enabled: false } });
  const now = Math.floor(Date.now() / 1000);
  const body = [`re.${LONG}b 1 ${now - 60}`, `re.${LONG} 2 ${now - 60}`, `tagged;k=${LONG}b 3 ${now - 60}`].join('\n');
  const r = await fetch(`${t.url}/ingest`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } });
  assert.equal(r.status, 200, await r.text());
});
after(() => t.destroy());

async function render(target: string) {
  const res = await fetch(`${t.url}/render?format=json&from=-10min&target=${encodeURIComponent(target)}`);
  return { status: res.status, body: await res.text() };
}

function names(body: string): string[] {
  return (JSON.parse(body) as Array<{ target: string }>).map((s) => s.target).sort();
}

test('aliasSub, grep and exclude with a catastrophic pattern answer, with the right series', async () => {
  const sub = await render(`aliasSub(re.*, "^re\\.(a+)+$", "whole")`);
  assert.equal(sub.status, 200, sub.body);
  assert.deepEqual(names(sub.body), [`re.${LONG}b`, 'whole'].sort());
  const kept = await render('grep(re.*, "(a|a)+$")');
  assert.equal(kept.status, 200, kept.body);
  assert.deepEqual(names(kept.body), [`re.${LONG}`]);
  const dropped = await render('exclude(re.*, "(a|aa)+b")');
  assert.equal(dropped.status, 200, dropped.body);
  assert.deepEqual(names(dropped.body), [`re.${LONG}`]);
});

test("seriesByTag's =~ and !=~ with a catastrophic pattern answer, with the right series", async () => {
  const match = await render(`seriesByTag("k=~(a+)+b$")`);
  assert.equal(match.status, 200, match.body);
  assert.equal(names(match.body).length, 1);
  const none = await render(`seriesByTag("name=tagged", "k!=~(a+)+b$")`);
  assert.equal(none.status, 200, none.body);
  assert.deepEqual(names(none.body), []);
});

test('a pattern the linear engine cannot run is a 400 saying why', async () => {
  const backref = await render('grep(re.*, "(a)\\1")');
  assert.equal(backref.status, 400);
  assert.match(backref.body, /^Invalid parameters \(invalid regular expression "\(a\)\\1": backreferences are not supported \(carbyne runs regular expressions in linear time\)\)/);
  const lookahead = await render('seriesByTag("k=~a(?=b)")');
  assert.equal(lookahead.status, 400);
  assert.match(lookahead.body, /lookahead assertions are not supported/);
});
