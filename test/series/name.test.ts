import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetricName } from '../../src/series/name.js';
import { displayName, seriesId, fnv1a64 } from '../../src/series/id.js';

test('plain and tagged names parse; tags never include name', () => {
  assert.deepEqual(parseMetricName('a.b.c'), { ok: true, metric: { name: 'a.b.c', tags: {} } });
  assert.deepEqual(parseMetricName('disk.used;host=web01;dc=eu'), { ok: true, metric: { name: 'disk.used', tags: { host: 'web01', dc: 'eu' } } });
});

test('invalid names are rejected with a reason', () => {
  for (const [name, reason] of [
    ['', /empty/],
    ['a..b', /empty element/],
    ['.a', /empty element/],
    ['a.', /empty element/],
    ['a b', /whitespace/],
    ['a\tb', /whitespace/],
    ['a;x', /not of the form/],
    ['a;=v', /not of the form/],
    ['a;k=', /empty value/],
    ['a;k=~v', /starts with ~/],
    ['a;k!=v', /contains one of/],
    ['a;name=x', /reserved/],
    [';k=v', /empty metric path/],
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
