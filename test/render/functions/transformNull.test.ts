import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transformNull } from '../../../src/render/functions/transformNull.js';
import { call, series, vals } from './helpers.js';

test('nulls replaced, 0 by default', async () => {
  const [s] = await call(transformNull, { seriesList: [series('a', 0, 10, [1, null])] });
  assert.equal(s.name, 'transformNull(a,0)');
  // graphite-web's tag is str() of the int default, or of the float a target gives
  assert.equal(s.tags.transformNull, '0');
  assert.deepEqual(vals(s), [1, 0]);
  const [given] = await call(transformNull, { seriesList: [series('a', 0, 10, [null])], default: 0 });
  assert.equal(given.tags.transformNull, '0.0');
  const [t] = await call(transformNull, { seriesList: [series('a', 0, 10, [null])], default: -1.5 });
  assert.equal(t.name, 'transformNull(a,-1.5)');
  assert.equal(t.tags.transformNull, '-1.5');
  assert.deepEqual(vals(t), [-1.5]);
});

test('referenceSeries: only where a reference has a value; the longer of the two lengths', async () => {
  const ref = [series('r1', 0, 10, [1, null, null, 4]), series('r2', 0, 10, [null, null, 3])];
  const [s] = await call(transformNull, { seriesList: [series('a', 0, 10, [null, null, null])], default: 7, referenceSeries: ref });
  assert.equal(s.name, 'transformNull(a,7,referenceSeries)');
  assert.equal(s.tags.referenceSeries, '1');
  assert.deepEqual(vals(s), [7, null, 7, 7]);
  const [e] = await call(transformNull, { seriesList: [series('a', 0, 10, [null])], referenceSeries: [] });
  assert.equal(e.name, 'transformNull(a,0)', 'an empty reference list counts as none');
});
