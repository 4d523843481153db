import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aliasSub } from '../../../src/render/functions/aliasSub.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, series } from './helpers.js';

test("Grafana's wrapping: the whole name and a suffix", async () => {
  const [s] = await call(aliasSub, { seriesList: [series('a.b', 0, 10, [1])], search: '(^.*$)', replace: '\\1 A' });
  assert.equal(s.name, 'a.b A');
  assert.equal(s.tags.name, 'a.b');
  assert.equal(s.pathExpression, 'a.b');
});

test('every match replaced; \\g<name>, \\g<0> and $ in the replacement', async () => {
  const list = [series('hosts.web01.cpu', 0, 10, [1])];
  assert.equal((await call(aliasSub, { seriesList: list, search: '[a-z]', replace: 'X' }))[0].name, 'XXXXX.XXX01.XXX');
  assert.equal((await call(aliasSub, { seriesList: list, search: '^hosts\\.(?P<h>\\w+)\\..*', replace: '\\g<h>:\\g<0>$1' }))[0].name, 'web01:hosts.web01.cpu$1');
});

test('a bad pattern is a 400 naming it', async () => {
  await assert.rejects(call(aliasSub, { seriesList: [series('a', 0, 10, [1])], search: '(', replace: 'x' }), (e: Error) => e instanceof InputError && e.message.includes('"("'));
});
