import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cactiStyle } from '../../../src/render/functions/cactiStyle.js';
import { call, series } from './helpers.js';

const list = () => [series('a.long.name', 0, 10, [1, 2048, 1.5]), series('b', 0, 10, [null, 0.25, null]), series('c', 0, 10, [null])];

test('current, max and min in columns as wide as the widest whole value plus 3 (3 standing for none or zero)', async () => {
  const out = await call(cactiStyle, { seriesList: list() });
  assert.deepEqual(out.map((s) => s.name), [
    'a.long.name Current:1.50    Max:2048.00    Min:1.00    ',
    'b           Current:0.25    Max:0.25       Min:0.25    ',
    'c           Current:nan     Max:nan        Min:nan     ',
  ]);
  assert.deepEqual(out[0].tags, { name: 'a.long.name' }, 'tags and pathExpression stay');
});

test('unit systems and units', async () => {
  const [bin] = await call(cactiStyle, { seriesList: list().slice(0, 1), system: 'binary', units: 'B' });
  assert.equal(bin.name, 'a.long.name Current:1.50 B    Max:2.00 KiB    Min:1.00 B    ');
  const [si] = await call(cactiStyle, { seriesList: list().slice(0, 1), system: 'si' });
  assert.equal(si.name, 'a.long.name Current:1.50    Max:2.05k    Min:1.00    ');
  const [units] = await call(cactiStyle, { seriesList: list().slice(1, 2), units: 'ms' });
  assert.equal(units.name, 'b Current:0.25 ms    Max:0.25 ms    Min:0.25 ms    ');
  assert.deepEqual(await call(cactiStyle, { seriesList: [] }), []);
});
