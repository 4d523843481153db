import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseATTime } from '../../src/render/attime.js';
import { InputError } from '../../src/render/function-types.js';
import { resolveZone } from '../../src/render/timezone.js';

interface Case {
  input: string;
  tz: string;
  now: number;
  epoch?: number;
  error?: string;
}

// graphite-web 1.1.8's own answers, captured by test/fixtures/render/attime/capture.py
const cases = JSON.parse(readFileSync('test/fixtures/render/attime/cases.json', 'utf8')) as Case[];

test('every captured at-time answer of graphite-web is reproduced, in six zones and around DST changes', () => {
  assert.ok(cases.length > 1000);
  const failures: string[] = [];
  for (const c of cases) {
    let got: number | string;
    try {
      got = parseATTime(c.input, c.tz, c.now);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      got = `error: ${e.message}`;
    }
    const want = c.error === undefined ? c.epoch : `error`;
    const ok = c.error === undefined ? got === want : typeof got === 'string';
    if (!ok) failures.push(`${JSON.stringify(c.input)} tz=${c.tz} now=${c.now}: got ${got}, want ${c.error ?? c.epoch}`);
  }
  assert.deepEqual(failures, []);
});

test('errors name the problem', () => {
  assert.throws(() => parseATTime('garbage', 'UTC', 0), /Unknown day reference: garbage/);
  assert.throws(() => parseATTime('-1m', 'UTC', 0), /Invalid offset unit 'm'/);
  assert.throws(() => parseATTime('january', 'UTC', 0), /Day of month required/);
});

test('zone names resolve case-insensitively, unknown ones to null', () => {
  assert.equal(resolveZone('america/new_york'), 'America/New_York');
  assert.equal(resolveZone('UTC'), 'UTC');
  assert.equal(resolveZone('Nowhere/Special'), null);
  assert.equal(resolveZone(''), null);
});
