import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowestAverage } from '../../../src/render/functions/lowestAverage.js';
import { call } from './helpers.js';
import { ranked } from './rank-fixture.js';

test('keeps the first n by its ranking (no value ranks lowest, then 3)', async () => {
  assert.deepEqual((await call(lowestAverage, { seriesList: ranked(), n: 2 })).map((s) => s.name), ['d','c']);
  assert.equal((await call(lowestAverage, { seriesList: ranked(), n: 10 })).length, 4);
  assert.equal((await call(lowestAverage, { seriesList: ranked(), n: -1 })).length, 3, 'a negative n drops from the end, as a Python slice');
  assert.deepEqual(await call(lowestAverage, { seriesList: [], n: 2 }), []);
});
