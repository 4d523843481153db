import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highestAverage } from '../../../src/render/functions/highestAverage.js';
import { call } from './helpers.js';
import { ranked } from './rank-fixture.js';

test('keeps the first n by its ranking (averages 5 then 4)', async () => {
  assert.deepEqual((await call(highestAverage, { seriesList: ranked(), n: 2 })).map((s) => s.name), ['b','a']);
  assert.equal((await call(highestAverage, { seriesList: ranked(), n: 10 })).length, 4);
  assert.equal((await call(highestAverage, { seriesList: ranked(), n: -1 })).length, 3, 'a negative n drops from the end, as a Python slice');
  assert.deepEqual(await call(highestAverage, { seriesList: [], n: 2 }), []);
});
