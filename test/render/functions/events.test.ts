import { test } from 'node:test';
import assert from 'node:assert/strict';
import { events } from '../../../src/render/functions/events.js';
import { call, context, vals } from './helpers.js';

/** an event source over fixed times, recording what it is asked */
function source(times: number[]) {
  const asked: Array<[number, number, readonly string[] | undefined]> = [];
  return {
    asked,
    events: async (from: number, until: number, tags: readonly string[] | undefined) => {
      asked.push([from, until, tags]);
      return times.filter((t) => t >= from && t <= until);
    },
  };
}

test('one point a second: the events in it, null where none; the tags asked as given, "*" alone for all', async () => {
  const src = source([1000.2, 1003, 1003.9, 1005.5]);
  const [s] = await call(events, { tags: ['deploy', 'prod'] }, context({ startTime: 1000, endTime: 1006, events: src.events }));
  assert.equal(s.name, 'events("deploy", "prod")');
  assert.deepEqual([s.start, s.end, s.step, s.consolidationFunc], [1000, 1006, 1, 'sum']);
  assert.deepEqual(vals(s), [1, null, null, 2, null, 1]);
  assert.deepEqual(src.asked, [[1000, 1006, ['deploy', 'prod']]]);
  await call(events, { tags: ['*'] }, context({ startTime: 1000, endTime: 1006, events: src.events }));
  await call(events, { tags: ['*', 'x'] }, context({ startTime: 1000, endTime: 1006, events: src.events }));
  assert.deepEqual(src.asked.slice(1), [
    [1000, 1006, undefined],
    [1000, 1006, ['*', 'x']],
  ]);
});

test('an event exactly at the end of the range has no point (graphite-web fails there)', async () => {
  const [s] = await call(events, { tags: ['*'] }, context({ startTime: 1000, endTime: 1003, events: source([1001, 1003]).events }));
  assert.deepEqual(vals(s), [null, 1, null]);
});

test('its points count against the request\'s point limit before any event is read', async () => {
  const src = source([]);
  await assert.rejects(call(events, { tags: ['*'] }, context({ startTime: 0, endTime: 86400 * 30, events: src.events, maxPoints: 1_000_000 })), /more than 1000000 points/);
  assert.deepEqual(src.asked, []);
});
