import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startGoldenApp, type GoldenApp } from '../helpers/golden-app.js';
import type { RenderFunction } from '../../src/render/function-types.js';

const broken: RenderFunction = { name: 'broken', group: 'Special', description: '', params: [], run: () => { throw new Error('kaboom'); } };

let t: GoldenApp;
before(async () => {
  t = await startGoldenApp({ config: { limits: { render: { maxSeries: 5, maxPoints: 2000 } } }, app: { renderFunctions: [broken] } });
});
after(() => t.destroy());

async function get(query: string) {
  const res = await fetch(`${t.url}/render?${query}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', cache: res.headers.get('cache-control'), body: await res.text() };
}

test('bad grammar is a 400 naming the problem, the position and the target', async () => {
  for (const [target, problem] of [
    ['sumSeries(servers.*.cpu.user', "expected ',' or ')'"],
    ['scale(servers.web01.cpu.user,)', 'expected an argument of scale()'],
    ["alias(servers.web01.cpu.user,'x)", 'unterminated string'],
    ['servers.web01.cpu.user)', 'unbalanced parentheses'],
  ]) {
    const r = await get(`target=${encodeURIComponent(target)}&from=-5min`);
    assert.equal(r.status, 400, target);
    assert.match(r.type, /^text\/plain/);
    assert.ok(r.body.startsWith('Invalid parameters ('), r.body);
    assert.ok(r.body.includes(problem), `${target}: ${r.body}`);
    assert.ok(r.body.includes(`"${target}"`), r.body);
  }
});

test('no format means a png, as graphite-web; svg is an svg, pdf and unknown formats are refused with a 400 saying so', async () => {
  const res = await fetch(`${t.url}/render?target=servers.web01.cpu.user&from=-1min`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/png');
  const png = Buffer.from(await res.arrayBuffer());
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  // the default size, in the IHDR chunk
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [330, 250]);
  const svg = await get('target=servers.web01.cpu.user&from=-1min&format=svg');
  assert.equal(svg.status, 200);
  assert.equal(svg.type, 'image/svg+xml');
  assert.match(svg.body, /^<\?xml[^>]*>\n<svg [^>]*width="330px" height="250px"/);
  assert.match(svg.body, />servers\.web01\.cpu\.user<\/text>/);
  const pdf = await get('target=servers.web01.cpu.user&format=pdf');
  assert.equal(pdf.status, 400);
  assert.match(pdf.body, /format 'pdf' is not supported/);
  const bad = await get('target=servers.web01.cpu.user&format=xml');
  assert.equal(bad.status, 400);
  assert.match(bad.body, /Invalid value for 'format' parameter: 'xml'/);
});

test('jsonp applies only with a format, and the callback must be a name', async () => {
  assert.match((await get('target=servers.web01.cpu.user&from=-1min&jsonp=cb')).type, /^image\/png/);
  const ok = await get('target=servers.web01.cpu.user&from=-1min&format=json&jsonp=my.cb_1');
  assert.match(ok.type, /^text\/javascript/);
  assert.ok(ok.body.startsWith('my.cb_1([{'));
  assert.equal((await get('target=a.b&format=json&jsonp=alert(1)')).status, 400);
  const svg = await get('target=servers.web01.cpu.user&from=-1min&format=svg&jsonp=cb');
  assert.match(svg.type, /^text\/javascript/);
  assert.ok(JSON.parse(svg.body.slice(3, -1)).startsWith('<?xml'), svg.body.slice(0, 80));
});

test('caps answer 422 naming the setting', async () => {
  const series = await get('target=servers.*.cpu.*&from=-1min');
  assert.equal(series.status, 422);
  assert.match(series.body, /more than 5 series.*limits\.render\.maxSeries/);
  const points = await get('target=servers.web01.cpu.user&from=-1d');
  assert.equal(points.status, 422);
  assert.match(points.body, /more than 2000 points.*limits\.render\.maxPoints/);
});

test('a failing function is a short 500 naming the request, not the failure, and the server keeps answering', async () => {
  const r = await get('target=broken()');
  assert.equal(r.status, 500);
  assert.match(r.type, /^text\/plain/);
  assert.match(r.body, /^Internal error while answering request req-\w+; the server log has the details\n$/);
  assert.doesNotMatch(r.body, /kaboom/);
  assert.equal((await get('target=servers.web01.cpu.user&from=-1min')).status, 200);
});

test('bad maxDataPoints and xFilesFactor values are 400s, and caching is advertised as asked', async () => {
  assert.match((await get('target=a.b&maxDataPoints=0')).body, /maxDataPoints must be at least 1/);
  assert.match((await get('target=a.b&xFilesFactor=lots')).body, /Invalid xFilesFactor 'lots'/);
  assert.equal((await get('target=servers.web01.cpu.user&from=-1min')).cache, 'max-age=60');
  assert.equal((await get('target=servers.web01.cpu.user&from=-1min&noCache=1')).cache, 'no-cache');
  assert.equal((await get('target=servers.web01.cpu.user&from=-1min&cacheTimeout=5')).cache, 'max-age=5');
});

test('a glob the index refuses to evaluate is a 400 naming the problem, not a 500', async () => {
  for (const [target, problem] of [
    [`servers.{${Array.from({ length: 30000 }, (_, i) => `x${i}`).join(',')}}.cpu.user`, /gives more than 20000 variants in "servers\.\{x0,x1,/],
    [`servers.${'x'.repeat(5000)}.cpu.user`, /path element longer than 4096 characters in "servers\.xxx/],
  ] as const) {
    const res = await fetch(`${t.url}/render`, { method: 'POST', body: `target=${encodeURIComponent(target)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const body = await res.text();
    assert.equal(res.status, 400, body.slice(0, 300));
    assert.match(body, /^Invalid parameters \(/);
    assert.match(body, problem);
  }
});

test('a huge or deeply nested target is a 400, not a stack overflow', async () => {
  const deep = 'scale('.repeat(2000) + 'a.b' + ',1)'.repeat(2000);
  const res = await fetch(`${t.url}/render`, { method: 'POST', body: `target=${encodeURIComponent(deep)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 400);
  assert.match(await res.text(), /nested deeper/);
});

test('large answers are gzipped when the client accepts it, and read back the same', async () => {
  const url = `${t.url}/render?target=servers.web01.cpu.user&from=-1h&format=json`;
  const plain = await (await fetch(url, { headers: { 'accept-encoding': 'identity' } })).text();
  const res = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  assert.equal(await res.text(), plain);
  assert.equal((await fetch(`${t.url}/render?target=servers.web01.cpu.user&from=-1min&format=json`, { headers: { 'accept-encoding': 'gzip' } })).headers.get('content-encoding'), null);
});
