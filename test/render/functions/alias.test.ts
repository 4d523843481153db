import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alias } from '../../../src/render/functions/alias.js';
import { call, series, vals } from './helpers.js';

test('renames every series, keeps values, tags and pathExpression', async () => {
  const input = [series('a.b', 0, 10, [1, null]), series('a.c', 0, 10, [2, 3])];
  const out = await call(alias, { seriesList: input, newName: 'x y' });
  assert.deepEqual(out.map((s) => s.name), ['x y', 'x y']);
  assert.deepEqual(vals(out[0]), [1, null]);
  assert.equal(out[1].tags.name, 'a.c');
  assert.equal(out[1].pathExpression, 'a.c');
  assert.equal(input[0].name, 'a.b', 'inputs are left alone');
  assert.deepEqual(await call(alias, { seriesList: [], newName: 'x' }), []);
});
