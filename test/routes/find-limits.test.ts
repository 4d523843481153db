import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp } from '../helpers/app.js';

const names = Array.from({ length: 12 }, (_, i) => ({ name: `lim.h${String(i).padStart(2, '0')}.cpu`, tags: {} }));

test('a find past limits.find.maxNodes answers 422 naming the cap and the query', async () => {
  const t = await startTestApp({ limits: { find: { maxNodes: 10 } } });
  try {
    await t.app.index.register(names);
    const over = await t.app.http.inject({ url: '/metrics/find?query=lim.*' });
    assert.equal(over.statusCode, 422);
    assert.equal(over.headers['content-type'], 'text/plain');
    assert.match(over.body, /lim\.\*/);
    assert.match(over.body, /10/);
    assert.match(over.body, /limits\.find\.maxNodes/);
    // exactly at the cap is fine
    const at = await t.app.http.inject({ url: '/metrics/find?query=lim.h0*.cpu&format=completer' });
    assert.equal(at.statusCode, 200);
    assert.equal(JSON.parse(at.body).metrics.length, 10);
    const expand = await t.app.http.inject({ url: '/metrics/expand?query=lim.*.cpu' });
    assert.equal(expand.statusCode, 422);
    assert.match(expand.body, /lim\.\*\.cpu/);
  } finally {
    await t.destroy();
  }
});

test('a glob too costly to evaluate answers 400 with the reason, not a 500', async () => {
  const t = await startTestApp();
  try {
    await t.app.index.register(names);
    const braces = Array.from({ length: 12 }, () => '{a,b,c,d,e}').join('');
    for (const query of [`lim.${braces}`, 'x'.repeat(300_000), Array.from({ length: 600 }, () => 'a').join('.')]) {
      const r = await t.app.http.inject({ method: 'POST', url: '/metrics/find', payload: `query=${query}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(r.statusCode, 400, query.slice(0, 40));
      assert.equal(r.headers['content-type'], 'text/plain');
      assert.ok(r.body.length > 0 && r.body.length < 1000, r.body.slice(0, 100));
    }
  } finally {
    await t.destroy();
  }
});

test('where graphite-web fails with a 500 on bad input, carbyne answers 400', async () => {
  const t = await startTestApp();
  try {
    await t.app.index.register(names);
    const cases: Array<[string, RegExp]> = [
      // graphite-web: IndexError -> 500
      ['/metrics/find?query=lim.*&format=nodelist&position=5', /position 5/],
      // graphite-web: int() outside its parameter check -> 500
      ['/metrics/expand?query=lim.*&groupByExpr=yes', /Invalid int value 'yes' for param groupByExpr/],
      ['/metrics/expand?query=lim.*&leavesOnly=x', /param leavesOnly/],
      // graphite-web: [] with status 500
      ['/metrics/index.json?local=x', /param local/],
    ];
    for (const [url, message] of cases) {
      const r = await t.app.http.inject({ url });
      assert.equal(r.statusCode, 400, url);
      assert.equal(r.headers['content-type'], 'text/html; charset=utf-8', url);
      assert.match(r.body, /^Invalid parameters \(/, url);
      assert.match(r.body, message, url);
    }
  } finally {
    await t.destroy();
  }
});

test('index.json walks branches whose names hold glob characters literally', async () => {
  const t = await startTestApp();
  try {
    const odd = ['g.a*b.x', 'g.a?c.y', 'g.[x].z', 'g.{p,q}.w', 'g.axb.v', 'g.p.w'];
    await t.app.index.register(odd.map((name) => ({ name, tags: {} })));
    const r = await t.app.http.inject({ url: '/metrics/index.json' });
    assert.equal(r.statusCode, 200);
    assert.deepEqual(JSON.parse(r.body), [...odd].sort());
  } finally {
    await t.destroy();
  }
});
