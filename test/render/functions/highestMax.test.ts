import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highestMax } from '../../../src/render/functions/highestMax.js';
import { call } from './helpers.js';
import { ranked } from './rank-fixture.js';

test('keeps the first n by its ranking (9 before 5)', async () => {
  assert.deepEqual((await call(highestMax, { seriesList: ranked(), n: 2 })).map((s) => s.name), ['a','b']);
  assert.equal((await call(highestMax, { seriesList: ranked(), n: 10 })).length, 4);
  assert.equal((await call(highestMax, { seriesList: ranked(), n: -1 })).length, 3, 'a negative n drops from the end, as a Python slice');
  assert.deepEqual(await call(highestMax, { seriesList: [], n: 2 }), []);
});
