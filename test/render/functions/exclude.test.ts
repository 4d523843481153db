import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exclude } from '../../../src/render/functions/exclude.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, series } from './helpers.js';

test('drops names matching anywhere', async () => {
  const list = ['web01.cpu', 'web02.cpu', 'db01.cpu'].map((n) => series(n, 0, 10, [1]));
  assert.deepEqual((await call(exclude, { seriesList: list, pattern: 'web0[12]' })).map((s) => s.name), ['db01.cpu']);
  assert.deepEqual((await call(exclude, { seriesList: list, pattern: '^db' })).map((s) => s.name), ['web01.cpu', 'web02.cpu']);
  await assert.rejects(call(exclude, { seriesList: list, pattern: '[' }), InputError);
});
