import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highestCurrent } from '../../../src/render/functions/highestCurrent.js';
import { call } from './helpers.js';
import { ranked } from './rank-fixture.js';

test('keeps the first n by its ranking (last values 5 then 3)', async () => {
  assert.deepEqual((await call(highestCurrent, { seriesList: ranked(), n: 2 })).map((s) => s.name), ['b','c']);
  assert.equal((await call(highestCurrent, { seriesList: ranked(), n: 10 })).length, 4);
  assert.equal((await call(highestCurrent, { seriesList: ranked(), n: -1 })).length, 3, 'a negative n drops from the end, as a Python slice');
  assert.deepEqual(await call(highestCurrent, { seriesList: [], n: 2 }), []);
});
