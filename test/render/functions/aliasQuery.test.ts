import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aliasQuery } from '../../../src/render/functions/aliasQuery.js';
import { InputError } from '../../../src/render/function-types.js';
import { call, context, series } from './helpers.js';

const sources = {
  'radio.freq.1': () => [series('radio.freq.1', 0, 10, [88.5, 101.25, null])],
  'radio.freq.2': () => [series('radio.freq.2', 0, 10, [null, null])],
  'counts.x': () => [series('counts.x', 0, 10, [3, 4], { integral: true })],
};

test('named after the last value of the series the substituted name finds, printf-style', async () => {
  const ctx = context({ sources });
  const [s] = await call(aliasQuery, { seriesList: [series('radio.power.1', 0, 10, [1])], search: 'power\\.(\\d)', replace: 'freq.\\1', newName: 'Channel %d at %%' }, ctx);
  assert.deepEqual(ctx.calls, [{ target: 'radio.freq.1', startTime: 1000, endTime: 2000 }]);
  assert.equal(s.name, 'Channel 101 at %');
  assert.equal(s.pathExpression, 'radio.power.1');
  for (const [format, name] of [['%s MHz', '101.25 MHz'], ['%.1f', '101.2'], ['%g', '101.25'], ['%6.2e', '1.01e+02']]) {
    const [t] = await call(aliasQuery, { seriesList: [series('radio.power.1', 0, 10, [1])], search: 'power', replace: 'freq', newName: format }, ctx);
    assert.equal(t.name, name, format);
  }
  // a Python int prints without .0
  const [i] = await call(aliasQuery, { seriesList: [series('x', 0, 10, [1])], search: '^x$', replace: 'counts.x', newName: '%s' }, ctx);
  assert.equal(i.name, '4');
});

test('no series found, no value in it, or a name Python cannot format: 400', async () => {
  const ctx = context({ sources: { ...sources, 'none.1': () => [] } });
  const input = () => [series('radio.power.1', 0, 10, [1])];
  await assert.rejects(call(aliasQuery, { seriesList: input(), search: 'radio.power', replace: 'none', newName: '%d' }, ctx), /No series found with query: none.1/);
  await assert.rejects(call(aliasQuery, { seriesList: input(), search: 'power.1', replace: 'freq.2', newName: '%d' }, ctx), /Cannot get last value of series: radio.freq.2/);
  await assert.rejects(call(aliasQuery, { seriesList: input(), search: 'power', replace: 'freq', newName: 'Channel' }, ctx), /not all arguments converted/);
  await assert.rejects(call(aliasQuery, { seriesList: input(), search: 'power', replace: 'freq', newName: '%x' }, ctx), InputError);
  await assert.rejects(call(aliasQuery, { seriesList: input(), search: '(', replace: 'freq', newName: '%d' }, ctx), /invalid regular expression/);
  assert.deepEqual(await call(aliasQuery, { seriesList: [], search: 'a', replace: 'b', newName: 'none' }, ctx), []);
});
