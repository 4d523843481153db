import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exp } from '../../../src/render/functions/exp.js';
import { call, series, vals } from './helpers.js';

test('e to the power of each point; named exp(...), tagged exp=e; nulls stay null', async () => {
  const [s] = await call(exp, { seriesList: [series('a.b', 0, 10, [0, 1, null, -1])] });
  assert.equal(s.name, 'exp(a.b)');
  assert.equal(s.pathExpression, 'exp(a.b)');
  assert.deepEqual(s.tags, { name: 'a.b', exp: 'e' });
  assert.deepEqual(vals(s), [1, Math.E, null, 1 / Math.E]);
  assert.deepEqual(await call(exp, { seriesList: [] }), []);
});
