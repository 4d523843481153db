import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secondYAxis } from '../../../src/render/functions/secondYAxis.js';
import { call, series } from './helpers.js';

test('puts the series on the right-hand axis, renamed and tagged', async () => {
  const out = await call(secondYAxis, { seriesList: [series('a', 0, 10, [1]), series('b;dc=eu', 0, 10, [2])] });
  assert.deepEqual(out.map((s) => s.name), ['secondYAxis(a)', 'secondYAxis(b;dc=eu)']);
  assert.deepEqual(out[1].tags, { dc: 'eu', name: 'b', secondYAxis: '1' });
  assert.deepEqual(out.map((s) => s.graph), [{ secondYAxis: true }, { secondYAxis: true }]);
});
