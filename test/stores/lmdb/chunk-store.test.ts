import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StoredChunk } from '../../../src/stores/chunk-store.js';
import { CHUNK_DB_NAMES, LmdbChunkStore } from '../../../src/stores/lmdb/chunk-store.js';
import { tempEnvironment } from './helpers.js';
import { chunk, ends } from '../fixtures.js';
import { ValueArena, ValuePool } from '../../../src/lib/value-pool.js';

async function withStore(fn: (store: LmdbChunkStore, t: ReturnType<typeof tempEnvironment>) => Promise<void>) {
  const t = tempEnvironment();
  const store = LmdbChunkStore.open(t.env);
  try {
    await fn(store, t);
  } finally {
    await store.close();
    await t.destroy();
  }
}

/** How many entries the expiry index holds: stale ones would show up here. */
function expiryEntries(t: ReturnType<typeof tempEnvironment>): number {
  return t.env.openDB(CHUNK_DB_NAMES.expiry, { encoding: 'binary' }).getKeysCount();
}

// LMDB's own side of the store: its expiry index (what expire() walks) and the counts expire()
// returns. The ChunkStore contract every backend passes is test/stores/chunk-store.test.ts.

test('a rewrite leaves one expiry entry, also when two writes of one key share a call', async () => {
  await withStore(async (store, t) => {
    await store.write([chunk('s', 10, 0, 100, 1000, 1)]);
    await store.write([chunk('s', 10, 0, 100, 1000, 2)]);
    assert.equal(expiryEntries(t), 1);
    await store.write([chunk('s', 10, 0, 100, 1000, 3), chunk('s', 10, 0, 100, 1000, 4)]);
    assert.equal(expiryEntries(t), 1);
  });
});

test('delete takes the expiry entries of the deleted chunks', async () => {
  await withStore(async (store, t) => {
    await store.write([chunk('a', 10, 0, 100), chunk('a', 10, 100, 200), chunk('a', 60, 0, 600), chunk('ab', 10, 0, 100), chunk('b', 60, 0, 600)]);
    await store.delete('a');
    assert.equal(expiryEntries(t), 2, 'expiry entries of the deleted chunks are gone');
    await store.delete('never-written');
    assert.equal(await store.expire(Infinity), 2);
  });
});

test('expire says how many chunks it removed, exactly those whose end + ttl is before now', async () => {
  await withStore(async (store, t) => {
    await store.write([
      chunk('a', 10, 0, 100, 1000), // deadline 1100
      chunk('a', 10, 100, 200, 1000), // 1200
      chunk('a', 60, 0, 600, 5000), // 5600
      chunk('b', 10, 0, 100, 1100), // 1200
      chunk('c', 10, 0, 100, 0), // 100
    ]);
    assert.equal(await store.expire(100), 0, 'a deadline equal to now is not yet past');
    assert.equal(await store.expire(101), 1);
    assert.equal(await store.expire(1200), 1);
    assert.equal(await store.expire(1201), 2);
    assert.equal(expiryEntries(t), 1);
    assert.equal(await store.expire(1201), 0);
  });
});

test('a rewrite with another ttl leaves no stale expiry entry', async () => {
  await withStore(async (store, t) => {
    await store.write([chunk('a', 10, 0, 100, 100)]); // deadline 200
    await store.write([chunk('a', 10, 0, 100, 1000)]); // now 1100
    assert.equal(expiryEntries(t), 1);
    assert.equal(await store.expire(500), 0);
    await store.write([chunk('a', 10, 0, 100, 10)]); // now 110
    assert.equal(await store.expire(111), 1);
    assert.equal(expiryEntries(t), 0);
    assert.deepEqual(ends(await store.read('a', 10, 0, 100)), []);
  });
});

test('expire works through more chunks than one transaction takes', async () => {
  await withStore(async (store) => {
    const n = 25_000;
    const all: StoredChunk[] = [];
    for (let i = 0; i < n; i++) all.push(chunk(`s${i % 50}`, 10, i * 100, (i + 1) * 100, 10));
    await store.write(all);
    // deadlines are (i + 1) * 100 + 10: those with i < 20000 are before 2_000_011
    assert.equal(await store.expire(2_000_011), 20_000);
    const left = await store.read('s0', 10, -Infinity, Infinity);
    assert.equal(left.length, 100);
    assert.equal(left[0].start, 20_000 * 100);
    assert.equal(await store.expire(Infinity), 5_000);
  });
});

test('the read bound and the expiry index survive closing and reopening the environment', async () => {
  const t = tempEnvironment();
  try {
    let store = LmdbChunkStore.open(t.env);
    await store.write([chunk('a', 10, 0, 21600, 50), chunk('a', 10, 21600, 43200, 50), chunk('b', 60, 0, 86400)]);
    await store.close();
    await t.reopen();
    store = LmdbChunkStore.open(t.env);
    assert.deepEqual(ends(await store.read('a', 10, 100, 200)), [21600]);
    assert.equal(await store.expire(43200 + 51), 2, 'expiry index survived too');
    await store.close();
  } finally {
    await t.destroy();
  }
});

test("several writers' chunks each have their expiry entry; expiry and delete take them all", async () => {
  await withStore(async (store, t) => {
    const mine = { ...chunk('w1', 10, 0, 7200, 3600, 1), writer: 'node-a', version: 200 };
    const theirs = { ...chunk('w1', 10, 0, 7200, 3600, 2), writer: 'node-b', version: 100 };
    const single = { ...chunk('w1', 10, 7200, 14400, 3600, 3) };
    await store.write([mine, single, theirs]);
    await store.write([{ ...mine, data: Uint8Array.from([9, 9]), version: 300 }]);
    assert.equal(expiryEntries(t), 3);
    assert.equal(await store.expire(7200 + 3601), 2);
    await store.write([mine, theirs]);
    await store.delete('w1');
    assert.equal(expiryEntries(t), 0);
  });
});

test('readMany answers every read as read() would, in the order asked', async () => {
  await withStore(async (store) => {
    await store.write([chunk('m1', 10, 0, 7200), chunk('m1', 10, 7200, 14400), chunk('m2', 10, 0, 7200), chunk('m2', 60, 0, 86400)]);
    const reads = [
      { id: 'm2', resolution: 60, from: 0, until: 100 },
      { id: 'm1', resolution: 10, from: 7000, until: 8000 },
      { id: 'nope', resolution: 10, from: 0, until: 100 },
      { id: 'm1', resolution: 10, from: 20000, until: 30000 },
    ];
    const many = await store.readMany(reads);
    assert.equal(many.length, reads.length);
    for (let i = 0; i < reads.length; i++) assert.deepEqual(many[i], await store.read(reads[i].id, reads[i].resolution, reads[i].from, reads[i].until), `read ${i}`);
    assert.deepEqual(many.map(ends), [[86400], [7200, 14400], [], []]);
  });
});

test('shared: a store opened before another writer stored the first chunks of a resolution reads them', async () => {
  const t = tempEnvironment();
  // two processes' stores over one environment: the reader opened it when it held nothing
  const reader = LmdbChunkStore.open(t.env, { shared: true });
  const writer = LmdbChunkStore.open(t.env, { shared: true });
  try {
    await writer.write([{ ...chunk('s1', 10, 0, 7200), writer: 'node-a', version: 1 }]);
    assert.deepEqual(
      (await reader.read('s1', 10, 0, 7199)).map((c) => [c.end, c.writer]),
      [[7200, 'node-a']],
    );
    assert.deepEqual((await reader.readMany([{ id: 's1', resolution: 10, from: 100, until: 200 }]))[0].length, 1);
  } finally {
    await reader.close();
    await writer.close();
    await t.destroy();
  }
});

test("readMany copies each value into the request's memory when it lends some, and into a buffer of its own otherwise", async () => {
  await withStore(async (store) => {
    await store.write([chunk('v', 10, 0, 100, 1000, 7), chunk('v', 10, 100, 200, 1000, 8), chunk('w', 10, 0, 100, 1000, 9)]);
    const reads = ['v', 'w'].map((id) => ({ id, resolution: 10, from: 0, until: 1000 }));
    const arena = new ValueArena(new ValuePool());
    let copies = 0;
    const counting = { copy: (bytes: Uint8Array, length: number) => (copies++, arena.copy(bytes, length)) };
    const lent = (await store.readMany(reads, counting)).flat();
    assert.equal(copies, 3);
    // one slab of the arena holds the three values
    assert.equal(new Set(lent.map((c) => c.data.buffer)).size, 1);
    assert.deepEqual(lent.map((c) => c.data[1]), [7, 8, 9]);
    // without memory lent, and after it: every value in an ArrayBuffer of its own, untouched by later reads
    const fresh = (await store.readMany(reads)).flat();
    await store.readMany(reads, counting);
    assert.equal(copies, 6);
    assert.equal(new Set(fresh.map((c) => c.data.buffer)).size, 3);
    assert.ok(!fresh.some((c) => c.data.buffer === lent[0].data.buffer));
    assert.deepEqual(fresh.map((c) => c.data[1]), [7, 8, 9]);
    assert.deepEqual(lent.map((c) => c.data[1]), [7, 8, 9]);
  });
});
