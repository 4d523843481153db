import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetricName } from '../../src/series/name.js';
import { displayName, seriesId, fnv1a64 } from '../../src/series/id.js';

test('plain and tagged names parse; tags never include name', () => {
  assert.deepEqual(parseMetricName('a.b.c'), { ok: true, metric: { name: 'a.b.c', tags: {} } });
  assert.deepEqual(parseMetricName('disk.used;host=web01;dc=eu'), { ok: true, metric: { name: 'disk.used', tags: { dc: 'eu', host: 'web01' } } });
});

test("names are normalised as carbon's TaggedSeries.parse(...).path normalises them", () => {
  const display = (raw: string) => {
    const r = parseMetricName(raw);
    assert.ok(r.ok, raw);
    return displayName(r.metric);
  };
  // tags sorted as graphite sorts ';k=v' strings: '2' < '=' so host2 comes first
  assert.equal(display('m;host=b;host2=a'), 'm;host2=a;host=b');
  assert.equal(display('m;b=1;a=2'), 'm;a=2;b=1');
  // a tag given twice keeps its last value; a name tag is replaced by the metric
  assert.equal(display('m;a=1;a=2'), 'm;a=2');
  assert.equal(display('m;name=x;a=1'), 'm;a=1');
  assert.equal(display('m;name=x'), 'm');
  // the metric loses its leading ~, tagged or not
  assert.equal(display('~~m.x;a=1'), 'm.x;a=1');
  assert.equal(display('~m.x'), 'm.x');
  // values may hold '=' and '~' past their start
  assert.equal(display('m;a=b=c;z=x~'), 'm;a=b=c;z=x~');
  // the OpenMetrics form
  assert.equal(display('m{b="2",a="x\\"y"}'), 'm;a=x"y;b=2');
});

test('invalid names are rejected with a reason', () => {
  for (const [name, reason] of [
    ['', /empty/],
    ['a..b', /empty element/],
    ['.a', /empty element/],
    ['a.', /empty element/],
    ['a b', /whitespace/],
    ['a\tb', /whitespace/],
    ['a;x', /^Cannot parse path a;x, invalid segment x$/],
    ['a;=v', /^Cannot parse path a;=v, invalid segment =v$/],
    ['a;k=', /^Value for tag "k" may not be empty$/],
    ['a;k=~v', /^Tag values are not allowed to start with "~" in tag "k"$/],
    ['a;k!=v', /^Character "!" is not allowed in tag "k!"$/],
    ['a;k^x=v', /^Character "\^" is not allowed in tag "k\^x"$/],
    [';k=v', /^Cannot parse path ;k=v, no metric found$/],
    ['~~;k=v', /^Cannot use metric name ~~ as tag value, results in emptry string$/],
    ['a..b;k=v', /empty element/],
    ['m{a="1"}{b="2"}', /^too many values to unpack/],
    ['m{a=1"}', /invalid segment a=1"/],
  ] as const) {
    const r = parseMetricName(name);
    assert.equal(r.ok, false, name);
    if (!r.ok) assert.match(r.reason, reason, name);
  }
});

test('series id is FNV-1a 64 of name:sorted tags in base 36', () => {
  // FNV-1a 64 reference vectors
  assert.equal(fnv1a64(''), 0xcbf29ce484222325n);
  assert.equal(fnv1a64('a'), 0xaf63dc4c8601ec8cn);
  assert.equal(fnv1a64('foobar'), 0x85944171f73967e8n);
  assert.equal(seriesId({ name: 'a.b', tags: {} }), fnv1a64('a.b:').toString(36));
  // tag order does not change the identity
  assert.equal(seriesId({ name: 'd', tags: { b: '2', a: '1' } }), seriesId({ name: 'd', tags: { a: '1', b: '2' } }));
  assert.equal(seriesId({ name: 'd', tags: { a: '1' } }), fnv1a64('d:a=1').toString(36));
  assert.equal(displayName({ name: 'd', tags: { b: '2', a: '1' } }), 'd;a=1;b=2');
  assert.equal(displayName({ name: 'd', tags: { host: 'b', host2: 'a' } }), 'd;host2=a;host=b');
});

test('fnv1a64Halves is fnv1a64 split in two, for ASCII and UTF-8 text', async () => {
  const { fnv1a64Halves } = await import('../../src/series/id.js');
  for (const text of ['', 'a', 'foobar', 'servers.web01.cpu.user:', 'disk.used:dc=eu;host=wéb01', '\u{1F600}.x', 'x'.repeat(300)]) {
    const h = fnv1a64(text);
    assert.deepEqual(fnv1a64Halves(text), { hi: Number(h >> 32n), lo: Number(h & 0xffffffffn) }, text);
  }
});

test('seriesIdOfHalves is the base-36 text of the 64-bit number the halves make', async () => {
  const fc = (await import('fast-check')).default;
  const { seriesIdOfHalves } = await import('../../src/series/id.js');
  const u32 = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 35, 36, 0x7fffffff, 0x80000000, 0xffffffff));
  fc.assert(
    fc.property(u32, u32, (hi, lo) => {
      assert.equal(seriesIdOfHalves({ hi, lo }), ((BigInt(hi) << 32n) | BigInt(lo)).toString(36));
    }),
    { numRuns: 5000 },
  );
});
