/**
 * Whatever a client sends to the find routes, the answer is a 200 or a 4xx with a short text
 * naming the problem (text/html or text/plain, as graphite-web types it), never a 500 and never a dead server: random globs (good ones over the
 * tree, broken brackets and braces, pathological ones), formats and parameters.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startAppWithLines, mostly } from '../../helpers/fuzz.js';

let t: Awaited<ReturnType<typeof startAppWithLines>>;
const now = Math.floor(Date.now() / 1000);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

before(async () => {
  t = await startAppWithLines(['a.b.c', 'a.b.d', 'a.e.c', 'a.e', 'x.y', 'x.y.z.w', 'tagged;dc=eu'].map((name) => `${name} 1 ${now - 60}\n`).join(''));
  // the index registers new names in the background
  for (let i = 0; i < 100; i++) {
    const r = await fetch(`${t.url}/metrics/index.json`);
    if (((await r.json()) as string[]).length >= 6) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});
after(() => t.destroy());

const element = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'b', 'x', 'y', '*', '?', 'a*', '*e', '[ab]', '[!a]', '[a-z]', '{b,e}', '{b,{c,d}}', 'c', 'd', 'e', 'z') },
  { weight: 1, arbitrary: fc.constantFrom('[', ']', '{', '}', '{a', '[a-', '[z-a]', '\\', '%', '', ' ', '{,}', '{' + 'a,'.repeat(300) + 'b}', 'x'.repeat(5000), '*'.repeat(200)) },
);
const query = fc.array(element, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.'));
const format = mostly(['treejson', 'completer', 'json', 'nodelist', 'pickle', 'msgpack'], ['xml', '', 'png']);
const extra = mostly(
  ['wildcards=1', 'leavesOnly=1', 'position=1', 'from=-1h', 'until=now', 'jsonp=cb', 'pretty=1', 'local=1', 'from=-1'],
  ['wildcards=x', 'leavesOnly=yes', 'position=abc', 'position=99', 'from=garbage', 'until=-1m', 'local=2.5', 'tz=Nowhere/City'],
);
const route = fc.constantFrom('/metrics/find', '/metrics', '/metrics/expand');

test('random globs and parameters: 200 or a 4xx naming the problem, never a 500', async () => {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(route, fc.option(query, { nil: undefined, freq: 10 }), format, extra, fc.boolean(), async (path, q, fmt, more, post) => {
      const params = new URLSearchParams();
      if (q !== undefined) params.set('query', q);
      if (fmt !== undefined) params.set('format', fmt);
      let text = params.toString();
      if (more) text += `&${more}`;
      const res = post
        ? await fetch(`${t.url}${path}`, { method: 'POST', body: text, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
        : await fetch(`${t.url}${path}?${text}`);
      const body = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      assert.ok(res.status === 200 || (res.status >= 400 && res.status < 500), `${res.status} for ${post ? 'POST' : 'GET'} ${path}?${text.slice(0, 300)}: ${body.slice(0, 300)}`);
      if (res.status !== 200) {
        // graphite-web's own types: text/html for its "Invalid parameters (...)" errors, text/plain for the rest; a short text either way
        assert.match(res.headers.get('content-type') ?? '', /^text\/(plain|html)/, text.slice(0, 300));
        assert.ok(!body.includes('<html'), body.slice(0, 300));
        assert.ok(body.length > 0 && body.length < 2000, `${text.slice(0, 300)}: ${body.slice(0, 300)}`);
      }
    }),
    { numRuns: RUNS },
  );
  const answered = statuses.get(200) ?? 0;
  assert.ok(answered >= RUNS / 4, `only ${answered} of ${RUNS} answered 200: ${JSON.stringify([...statuses])}`);
  assert.equal((await fetch(`${t.url}/version`)).status, 200);
});
