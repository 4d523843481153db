import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTimeOffset, intervalUnit, isInterval } from '../../src/render/interval.js';
import { InputError } from '../../src/render/function-types.js';

test('offsets add up their parts with the sign applying to all', () => {
  assert.equal(parseTimeOffset('-1h'), -3600);
  assert.equal(parseTimeOffset('5min'), 300);
  assert.equal(parseTimeOffset('+1d12h'), 86400 + 12 * 3600);
  assert.equal(parseTimeOffset('-1d12h'), -(86400 + 12 * 3600));
  assert.equal(parseTimeOffset('2weeks'), 14 * 86400);
  assert.equal(parseTimeOffset('-1mon'), -30 * 86400);
  assert.equal(parseTimeOffset('1y'), 365 * 86400);
  assert.equal(parseTimeOffset('30s'), 30);
  assert.equal(parseTimeOffset('10seconds5minutes'), 310);
  assert.equal(parseTimeOffset(''), 0);
  assert.equal(parseTimeOffset('-'), 0);
});

test('units match by prefix, and a bare m is no unit', () => {
  assert.equal(intervalUnit('sec'), 'seconds');
  assert.equal(intervalUnit('minutes'), 'minutes');
  assert.equal(intervalUnit('months'), 'months');
  assert.equal(intervalUnit('hours'), 'hours');
  assert.equal(intervalUnit('m'), null);
  assert.equal(intervalUnit('ms'), null);
  assert.throws(() => parseTimeOffset('5m'), (e: Error) => e instanceof InputError && /Invalid offset unit 'm'/.test(e.message));
});

test('malformed offsets are input errors naming the offset', () => {
  for (const bad of ['abc', '5', '1h30', 'h', '-x1h', '1 h', '*1h']) {
    assert.throws(() => parseTimeOffset(bad), (e: Error) => e instanceof InputError && e.message.includes(bad), bad);
    assert.equal(isInterval(bad), false, bad);
  }
  assert.equal(isInterval('1h'), true);
});
