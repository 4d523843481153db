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
