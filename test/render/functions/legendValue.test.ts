import { test } from 'node:test';
import assert from 'node:assert/strict';
import { legendValue } from '../../../src/render/functions/legendValue.js';
import { call, series } from './helpers.js';

test('values appended as Python prints them; count as an int; unknown names as (?)', async () => {
  const [s] = await call(legendValue, { seriesList: [series('a', 0, 10, [1, null, 4])], valuesTypes: ['avg', 'max', 'count', 'sumSeries'] });
  assert.equal(s.name, 'a (avg: 2.5) (max: 4.0) (count: 2) (sumSeries: (?))');
  const [n] = await call(legendValue, { seriesList: [series('b', 0, 10, [null])], valuesTypes: ['last'] });
  assert.equal(n.name, 'b (last: None)');
});

test('si and binary: scaled values in fixed-width columns', async () => {
  const [s] = await call(legendValue, { seriesList: [series('net', 0, 10, [1500, 2500])], valuesTypes: ['avg', 'max', 'si'] });
  assert.equal(s.name, 'net' + ' '.repeat(17) + 'avg  2.00k     ' + 'max  2.50k     ');
  const [b] = await call(legendValue, { seriesList: [series('mem', 0, 10, [2048])], valuesTypes: ['last', 'binary'] });
  assert.equal(b.name, 'mem                 last 2.00Ki    ');
});
