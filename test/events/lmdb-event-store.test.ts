import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LmdbEventStore } from '../../src/events/lmdb/lmdb-event-store.js';
import { findEvents } from '../../src/events/event-query.js';
import { LimitExceededError } from '../../src/lib/service-errors.js';
import type { EventStore, NewEvent } from '../../src/events/event-store.js';
import { parseTagInput } from '../../src/events/tag-input.js';
import { openLmdbAt } from '../../src/stores/lmdb/environment.js';

function event(when: number, tags: string, what = `at ${when}`): NewEvent {
  return { when, what, data: '', tags, tagNames: parseTagInput(tags) };
}

async function withStore(fn: (store: EventStore, reopen: () => Promise<EventStore>) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-events-'));
  let env = openLmdbAt(dir);
  let store: EventStore = LmdbEventStore.open(env);
  try {
    await fn(store, async () => {
      await store.close();
      await env.close();
      env = openLmdbAt(dir);
      return (store = LmdbEventStore.open(env));
    });
  } finally {
    await store.close();
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ids = (list: ReadonlyArray<{ id: number }>) => list.map((e) => e.id);

test('events get increasing ids, are read back whole, and are scanned by time then id, bounds included', () =>
  withStore(async (store) => {
    const a = await store.add(event(200.5, 'x y', 'a'));
    const b = await store.add(event(100, 'x'));
    const c = await store.add(event(200.5, ''));
    assert.deepEqual([a.id, b.id, c.id], [1, 2, 3]);
    assert.deepEqual(await store.get(1), { id: 1, when: 200.5, what: 'a', data: '', tags: 'x y', tagNames: ['x', 'y'] });
    assert.equal(await store.get(4), undefined);
    const scanned = async (from: number, until: number) => {
      const out = [];
      for await (const e of store.scan(from, until)) out.push(e.id);
      return out;
    };
    assert.deepEqual(await scanned(0, 1000), [2, 1, 3]);
    assert.deepEqual(await scanned(100, 200.5), [2, 1, 3]);
    assert.deepEqual(await scanned(100.1, 200.4), []);
    assert.deepEqual(await scanned(300, 100), []);
  }));

test('a deleted event is gone but its id is never given again, nor are its tags forgotten, across a reopen', () =>
  withStore(async (store, reopen) => {
    await store.add(event(1, 'keep'));
    await store.add(event(2, 'gone only'));
    assert.equal(await store.delete(2), true);
    assert.equal(await store.delete(2), false);
    store = await reopen();
    assert.equal(await store.get(2), undefined);
    assert.equal((await store.add(event(3, 'new'))).id, 3);
    assert.deepEqual([...(await store.knownTags(['keep', 'gone', 'only', 'never', 'new']))].sort(), ['gone', 'keep', 'new', 'only']);
  }));

test('tag queries follow graphite-web: unknown tags are dropped, union, every tag, intersection of the answered words', () =>
  withStore(async (store) => {
    await store.add(event(10, 'prod web')); // 1
    await store.add(event(20, 'prod db')); // 2
    await store.add(event(30, 'a,b c')); // 3: filed under a and "b c", answered as ["a,b", "c"]
    await store.add(event(40, 'x x y')); // 4
    const q = async (tags: string | undefined, set?: string, from = 0, until = 100) => ids(await findEvents(store, { from, until, tags: tags?.split(' '), set }, 100));
    assert.deepEqual(await q(undefined), [1, 2, 3, 4]);
    assert.deepEqual(await q('prod'), [1, 2]);
    assert.deepEqual(await q('prod web'), [1]);
    assert.deepEqual(await q('prod nosuch'), [1, 2], 'an unknown tag is dropped');
    assert.deepEqual(await q('nosuch'), []);
    assert.deepEqual(await q(''), []);
    assert.deepEqual(await q('db web', 'union'), [1, 2]);
    assert.deepEqual(await q('prod nosuch', 'intersection'), [], 'intersection counts the requested words');
    assert.deepEqual(await q('prod prod', 'intersection'), []);
    assert.deepEqual(await q('x y', 'intersection'), [4]);
    assert.deepEqual(await q('a'), [3]);
    assert.deepEqual(await q('a', 'intersection'), [], 'the answered words of event 3 are "a,b" and "c"');
    assert.deepEqual(await q('prod', undefined, 15, 20), [2]);
  }));

test('more matches than the limit is an error, not a truncated answer', () =>
  withStore(async (store) => {
    for (let i = 0; i < 5; i++) await store.add(event(i, i % 2 === 0 ? 'even' : 'odd'));
    assert.equal((await findEvents(store, { from: 0, until: 10, tags: ['even'] }, 3)).length, 3);
    await assert.rejects(findEvents(store, { from: 0, until: 10 }, 4), LimitExceededError);
  }));
