import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawAsInfinite } from '../../../src/render/functions/drawAsInfinite.js';
import { call, series, vals } from './helpers.js';

test('marks the series to be drawn as infinite lines, renamed and tagged', async () => {
  const [s] = await call(drawAsInfinite, { seriesList: [series('exit.code', 0, 10, [0, 1, null], { pathExpression: 'exit.*' })] });
  assert.equal(s.name, 'drawAsInfinite(exit.code)');
  assert.equal(s.pathExpression, 'exit.*');
  assert.deepEqual(s.tags, { name: 'exit.code', drawAsInfinite: '1' });
  assert.deepEqual(s.graph, { drawAsInfinite: true });
  assert.deepEqual(vals(s), [0, 1, null]);
});
