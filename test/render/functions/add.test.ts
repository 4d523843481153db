import { test } from 'node:test';
import assert from 'node:assert/strict';
import { add } from '../../../src/render/functions/add.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, series, vals } from './helpers.js';

test('adds the constant; nulls stay null; the name shows it as Python\'s %d', async () => {
  const [s] = await call(add, { seriesList: [series('a', 0, 10, [1, null, -3])], constant: 2.5 });
  assert.equal(s.name, 'add(a,2)');
  assert.equal(s.pathExpression, 'add(a,2)');
  assert.equal(s.tags.add, '2.5');
  assert.deepEqual(vals(s), [3.5, null, -0.5]);
  const [n] = await call(add, { seriesList: [series('b', 0, 10, [1])], constant: -0.5 });
  assert.equal(n.name, 'add(b,0)');
  assert.deepEqual(vals(n), [0.5]);
  const [m] = await call(add, { seriesList: [series('c', 0, 10, [1])], constant: -7.9 });
  assert.equal(m.name, 'add(c,-7)');
});

test('an infinite constant is a 400, where Python\'s %d raises', async () => {
  await assert.rejects(call(add, { seriesList: [series('a', 0, 10, [1])], constant: Infinity }), InputError);
});
