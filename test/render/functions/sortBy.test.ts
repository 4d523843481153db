import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortBy } from '../../../src/render/functions/sortBy.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, series } from './helpers.js';

const list = () => [series('a', 0, 10, [1, 9]), series('b', 0, 10, [4, 4]), series('c', 0, 10, [null, null]), series('d', 0, 10, [5, 5])];
const names = (l: { name: string }[]) => l.map((s) => s.name);

test('by the average unless given, lowest first; a series without values sorts lowest; ties keep their order', async () => {
  assert.deepEqual(names(await call(sortBy, { seriesList: list() })), ['c', 'b', 'a', 'd']);
  assert.deepEqual(names(await call(sortBy, { seriesList: list(), func: 'max', reverse: true })), ['a', 'd', 'b', 'c']);
  // a and d tie on the sum: reversed, they keep their order (Python's stable reverse sort)
  assert.deepEqual(names(await call(sortBy, { seriesList: list(), func: 'sum', reverse: true })), ['a', 'd', 'b', 'c']);
  assert.deepEqual(names(await call(sortBy, { seriesList: list(), func: 'last' })), ['c', 'b', 'd', 'a']);
});

test('names untouched; the deprecated *Series names pass the binder but are no aggregation: 400', async () => {
  const [first] = await call(sortBy, { seriesList: list(), func: 'min' });
  assert.equal(first.name, 'c');
  await assert.rejects(call(sortBy, { seriesList: list(), func: 'sumSeries' }), (err) => err instanceof InputError && /Unsupported aggregation function: sumSeries/.test(err.message));
});
