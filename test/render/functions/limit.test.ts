import { test } from 'node:test';
import assert from 'node:assert/strict';
import { limit } from '../../../src/render/functions/limit.js';
import { call } from './helpers.js';
import { ranked } from './rank-fixture.js';

test('the first n, in order; n past the end keeps all; negative n as a Python slice', async () => {
  assert.deepEqual((await call(limit, { seriesList: ranked(), n: 2 })).map((s) => s.name), ['a', 'b']);
  assert.equal((await call(limit, { seriesList: ranked(), n: 9 })).length, 4);
  assert.deepEqual((await call(limit, { seriesList: ranked(), n: -3 })).map((s) => s.name), ['a']);
  assert.deepEqual(await call(limit, { seriesList: ranked(), n: 0 }), []);
});
