import { test } from 'node:test';
import assert from 'node:assert/strict';
import { consolidateBy } from '../../../src/render/functions/consolidateBy.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, series } from './helpers.js';

test('sets the function, the name, the pathExpression and a tag', async () => {
  const [s] = await call(consolidateBy, { seriesList: [series('a', 0, 10, [1])], consolidationFunc: 'max' });
  assert.equal(s.consolidationFunc, 'max');
  assert.equal(s.name, 'consolidateBy(a,"max")');
  assert.equal(s.pathExpression, s.name);
  assert.deepEqual(s.tags, { name: 'a', consolidateBy: 'max' });
  await assert.rejects(call(consolidateBy, { seriesList: [series('a', 0, 10, [1])], consolidationFunc: 'median' }), InputError);
});
