import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDst, localize, utcOffset, wallClock, wallSeconds } from '../../src/render/timezone.js';

const utc = (iso: string) => Date.parse(`${iso}Z`) / 1000;

test('utcOffset and wallClock read the zone at the instant', () => {
  assert.equal(utcOffset('Europe/Berlin', utc('2026-01-15T12:00:00')), 3600);
  assert.equal(utcOffset('Europe/Berlin', utc('2026-07-15T12:00:00')), 7200);
  assert.equal(utcOffset('America/New_York', utc('2026-01-15T12:00:00')), -5 * 3600);
  assert.equal(utcOffset('UTC', utc('2026-07-15T12:00:00')), 0);
  assert.deepEqual(wallClock('Europe/Berlin', utc('2026-12-31T23:30:05')), { year: 2027, month: 1, day: 1, hour: 0, minute: 30, second: 5, weekday: 5 });
  assert.equal(wallSeconds({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }), utc('2026-03-29T02:30:00'));
});

test('isDst: the larger of the zone\'s January and July offsets is in force', () => {
  assert.equal(isDst('Europe/Berlin', utc('2026-07-01T00:00:00')), true);
  assert.equal(isDst('Europe/Berlin', utc('2026-01-15T00:00:00')), false);
  // the switch at 01:00 UTC on the last Sunday of March
  assert.equal(isDst('Europe/Berlin', utc('2026-03-29T00:59:59')), false);
  assert.equal(isDst('Europe/Berlin', utc('2026-03-29T01:00:00')), true);
  // southern hemisphere: summer time in January
  assert.equal(isDst('Australia/Sydney', utc('2026-01-15T00:00:00')), true);
  assert.equal(isDst('Australia/Sydney', utc('2026-07-15T00:00:00')), false);
  // zones without daylight saving time
  assert.equal(isDst('Asia/Tokyo', utc('2026-07-15T00:00:00')), false);
  assert.equal(isDst('UTC', utc('2026-07-15T00:00:00')), false);
});

test('localize picks the later instant of an ambiguous wall time and moves a skipped one forward', () => {
  // 02:30 on 2026-10-25 happens twice in Berlin (CEST, then CET): the CET one, as pytz is_dst=False
  assert.equal(localize('Europe/Berlin', utc('2026-10-25T02:30:00')), utc('2026-10-25T01:30:00'));
  // 02:30 on 2026-03-29 does not exist in Berlin: read with the offset before the jump (CET)
  assert.equal(localize('Europe/Berlin', utc('2026-03-29T02:30:00')), utc('2026-03-29T01:30:00'));
  assert.equal(localize('Europe/Berlin', utc('2026-07-15T12:00:00')), utc('2026-07-15T10:00:00'));
});
