import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaleToSeconds } from '../../../src/render/functions/scaleToSeconds.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, series, vals } from './helpers.js';

test('value per step becomes value per `seconds`, rounded to 6 decimals; %d in the name', async () => {
  const [s] = await call(scaleToSeconds, { seriesList: [series('a', 0, 10, [1, null, 3])], seconds: 60 });
  assert.equal(s.name, 'scaleToSeconds(a,60)');
  assert.equal(s.tags.scaleToSeconds, '60.0');
  assert.deepEqual(vals(s), [6, null, 18]);
  const [f] = await call(scaleToSeconds, { seriesList: [series('a', 0, 3, [1, 2])], seconds: 0.5 });
  assert.equal(f.name, 'scaleToSeconds(a,0)');
  assert.equal(f.tags.scaleToSeconds, '0.5');
  assert.deepEqual(vals(f), [0.166667, 0.333333]);
});

test('infinite seconds cannot be printed with %d: 400, unless there is no series', async () => {
  await assert.rejects(call(scaleToSeconds, { seriesList: [series('a', 0, 10, [1])], seconds: Infinity }), InputError);
  assert.deepEqual(await call(scaleToSeconds, { seriesList: [], seconds: Infinity }), []);
});
