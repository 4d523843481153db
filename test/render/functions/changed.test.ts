import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changed } from '../../../src/render/functions/changed.js';
import { call, series, vals } from './helpers.js';

test('1 where the value differs from the last non-null one, 0 elsewhere', async () => {
  const [s] = await call(changed, { seriesList: [series('a.b', 0, 10, [null, 1, 1, null, 2, 2, 1, null])] });
  assert.equal(s.name, 'changed(a.b)');
  assert.equal(s.pathExpression, 'changed(a.b)');
  assert.deepEqual(s.tags, { name: 'a.b' });
  assert.deepEqual(vals(s), [0, 0, 0, 0, 1, 0, 1, 0]);
  assert.equal(s.integral, true, 'Python ints');
});
