import { test } from 'node:test';
import assert from 'node:assert/strict';
import { round } from '../../../src/render/functions/round.js';
import { call, series, vals } from './helpers.js';

test('to a whole number unless given, halves to even; the name shows a precision only when given', async () => {
  const [s] = await call(round, { seriesList: [series('a', 0, 10, [1.5, 2.5, -0.4, null, 2.675])] });
  assert.equal(s.name, 'round(a)');
  assert.equal(s.tags.round, '0');
  assert.deepEqual(vals(s), [2, 2, -0, null, 3]);
  const [p] = await call(round, { seriesList: [series('a', 0, 10, [2.675, 1234.5])], precision: 2 });
  assert.equal(p.name, 'round(a,2)');
  assert.equal(p.tags.round, '2');
  // 2.675 is 2.67499999... in binary
  assert.deepEqual(vals(p), [2.67, 1234.5]);
  const [z] = await call(round, { seriesList: [series('a', 0, 10, [1234.5])], precision: 0 });
  assert.equal(z.name, 'round(a,0)');
});

test('a negative precision rounds to tens, hundreds, ...', async () => {
  const [s] = await call(round, { seriesList: [series('a', 0, 10, [1250, 1351, -49])], precision: -2 });
  assert.equal(s.name, 'round(a,-2)');
  assert.deepEqual(vals(s), [1200, 1400, -0]);
});
