import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grep } from '../../../src/render/functions/grep.js';
import { call, series } from './helpers.js';

test('keeps names matching anywhere, Python syntax included', async () => {
  const list = ['web01.cpu', 'web02.cpu', 'db01.cpu'].map((n) => series(n, 0, 10, [1]));
  assert.deepEqual((await call(grep, { seriesList: list, pattern: 'b0(?P<n>1)' })).map((s) => s.name), ['web01.cpu', 'db01.cpu']);
  assert.deepEqual(await call(grep, { seriesList: list, pattern: 'nothing' }), []);
});
