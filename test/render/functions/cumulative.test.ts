import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cumulative } from '../../../src/render/functions/cumulative.js';
import { call, series, vals } from './helpers.js';

test("consolidateBy(x, 'sum'): named, tagged and consolidated as that", async () => {
  const [s] = await call(cumulative, { seriesList: [series('a.b', 0, 10, [1, 2, null])] });
  assert.equal(s.name, 'consolidateBy(a.b,"sum")');
  assert.equal(s.pathExpression, s.name);
  assert.deepEqual(s.tags, { name: 'a.b', consolidateBy: 'sum' });
  assert.equal(s.consolidationFunc, 'sum');
  assert.deepEqual(vals(s), [1, 2, null]);
});
