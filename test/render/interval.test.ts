import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IntervalError, parseInterval, unitOf } from '../../src/render/interval.js';

test('intervals as graphite-web reads them', () => {
  assert.equal(parseInterval('1h'), 3600);
  assert.equal(parseInterval('-5min'), -300);
  assert.equal(parseInterval('+1d12h'), 129600);
  assert.equal(parseInterval('30s'), 30);
  assert.equal(parseInterval('2w'), 1209600);
  assert.equal(parseInterval('1mon'), 30 * 86400);
  assert.equal(parseInterval('1y'), 365 * 86400);
  assert.equal(parseInterval('1hour30minutes'), 5400);
  assert.equal(parseInterval(''), 0);
});

test('units by prefix; a bare m, a missing number or a stray sign are errors', () => {
  assert.equal(unitOf('sec'), 'seconds');
  assert.equal(unitOf('minute'), 'minutes');
  assert.equal(unitOf('months'), 'months');
  assert.throws(() => parseInterval('5m'), IntervalError);
  assert.throws(() => parseInterval('h'), IntervalError);
  assert.throws(() => parseInterval('5'), IntervalError);
  assert.throws(() => parseInterval('bogus'), IntervalError);
  assert.throws(() => parseInterval('*5min'), IntervalError);
});
