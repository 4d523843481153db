import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dashed } from '../../../src/render/functions/dashed.js';
import { call, series } from './helpers.js';

test('dashes of 5 by default, written into the name with %g and a space, and the tags', async () => {
  const [s] = await call(dashed, { seriesList: [series('a.b', 0, 10, [1], { pathExpression: 'a.*' })] });
  assert.equal(s.name, 'dashed(a.b, 5)');
  assert.equal(s.pathExpression, 'a.*', 'graphite-web renames the series in place');
  assert.deepEqual(s.tags, { name: 'a.b', dashed: '5' });
  assert.deepEqual(s.graph, { dashed: 5 });
  const [two] = await call(dashed, { seriesList: [series('a.b', 0, 10, [1])], dashLength: 2 });
  assert.equal(two.name, 'dashed(a.b, 2)');
  await assert.rejects(call(dashed, { seriesList: [], dashLength: 2.5 }), /Invalid "integer" value/);
});
