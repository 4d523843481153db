import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRetentions } from '../../src/config/retention.js';

test('parses carbon retention syntax with whisper units', () => {
  assert.deepEqual(parseRetentions('10s:7d,1m:30d,10m:1y'), [
    { step: 10, retention: 7 * 86400 },
    { step: 60, retention: 30 * 86400 },
    { step: 600, retention: 365 * 86400 },
  ]);
  // a bare number after the colon counts points; a bare precision is seconds
  assert.deepEqual(parseRetentions('60:1440'), [{ step: 60, retention: 86400 }]);
  assert.deepEqual(parseRetentions('1min:2hours'), [{ step: 60, retention: 7200 }]);
});

test('sorts resolutions finest first', () => {
  assert.deepEqual(parseRetentions('1m:30d, 10s:1d').map((r) => r.step), [10, 60]);
});

test('rejects what whisper rejects, naming the problem', () => {
  assert.throws(() => parseRetentions(''), /no retention/);
  assert.throws(() => parseRetentions('10s'), /expected STEP:RETENTION/);
  assert.throws(() => parseRetentions('10x:1d'), /invalid unit "x"/);
  assert.throws(() => parseRetentions('10s:1d,10s:2d'), /same precision/);
  assert.throws(() => parseRetentions('10s:1d,15s:2d'), /not a multiple/);
  assert.throws(() => parseRetentions('10s:7d,1m:1d'), /kept longer/);
  assert.throws(() => parseRetentions('10s:30s,1m:1d'), /too few points/);
});
