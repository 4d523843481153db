import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkEncoding, type Chunk } from '../../../src/series/types.js';
import type { StoredChunk } from '../../../src/stores/chunk-store.js';
import { CHUNK_DB_NAMES, LmdbChunkStore } from '../../../src/stores/lmdb/chunk-store.js';
import { tempEnvironment } from './helpers.js';

function chunk(id: string, resolution: number, start: number, end: number, ttl = 86400, fill = end % 251): StoredChunk {
  const data = new Uint8Array(16 + (end % 7));
  data.fill(fill);
  data[0] = resolution & 0xff;
  return { id, resolution, start, end, ttl, encoding: ChunkEncoding.Raw, data };
}

const ends = (chunks: Chunk[]) => chunks.map((c) => c.end);

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

test('round trip keeps the window, encoding and payload bytes', async () => {
  await withStore(async (store) => {
    const a = chunk('a1', 10, 0, 7200);
    const b: StoredChunk = { ...chunk('a1', 10, 7200, 14400), encoding: ChunkEncoding.Rollup };
    await store.write([b, a]);
    const got = await store.read('a1', 10, 0, 20000);
    assert.equal(got.length, 2);
    for (const [g, want] of [[got[0], a], [got[1], b]] as const) {
      assert.equal(g.id, want.id);
      assert.equal(g.resolution, want.resolution);
      assert.equal(g.start, want.start);
      assert.equal(g.end, want.end);
      assert.equal(g.encoding, want.encoding);
      assert.deepEqual(Buffer.from(g.data), Buffer.from(want.data));
    }
  });
});

test('reads at the edges of windows: [start, end) against [from, until]', async () => {
  await withStore(async (store) => {
    await store.write([chunk('s', 10, 0, 100), chunk('s', 10, 100, 200), chunk('s', 10, 200, 300)]);
    assert.deepEqual(ends(await store.read('s', 10, 100, 199)), [200]);
    assert.deepEqual(ends(await store.read('s', 10, 100, 200)), [200, 300]);
    assert.deepEqual(ends(await store.read('s', 10, 99, 100)), [100, 200]);
    assert.deepEqual(ends(await store.read('s', 10, 0, 0)), [100]);
    assert.deepEqual(ends(await store.read('s', 10, 299, 299)), [300]);
    assert.deepEqual(ends(await store.read('s', 10, 300, 400)), []);
    assert.deepEqual(ends(await store.read('s', 10, -50, -1)), []);
    assert.deepEqual(ends(await store.read('s', 10, -Infinity, Infinity)), [100, 200, 300]);
    assert.deepEqual(ends(await store.read('s', 10, 150, 120)), [], 'from after until');
  });
});

test('a longer window written later is still found by reads inside it', async () => {
  await withStore(async (store) => {
    await store.write([chunk('s', 60, 3600, 7200)]);
    await store.write([chunk('s', 60, 0, 21600)]);
    assert.deepEqual(ends(await store.read('s', 60, 0, 1800)), [21600]);
    assert.deepEqual(ends(await store.read('s', 60, 4000, 5000)), [7200, 21600]);
  });
});

test('rewriting (id, resolution, end) replaces the chunk', async () => {
  await withStore(async (store, t) => {
    await store.write([chunk('s', 10, 0, 100, 1000, 1)]);
    await store.write([chunk('s', 10, 0, 100, 1000, 2)]);
    const got = await store.read('s', 10, 0, 100);
    assert.equal(got.length, 1);
    assert.ok(got[0].data.subarray(1).every((b) => b === 2));
    assert.equal(expiryEntries(t), 1);
    // the same key twice in one call: the last one wins
    await store.write([chunk('s', 10, 0, 100, 1000, 3), chunk('s', 10, 0, 100, 1000, 4)]);
    const again = await store.read('s', 10, 0, 100);
    assert.equal(again.length, 1);
    assert.equal(again[0].data[1], 4);
    assert.equal(expiryEntries(t), 1);
  });
});

test('series and resolutions do not mix, even when ids share a prefix', async () => {
  await withStore(async (store) => {
    await store.write([chunk('a', 10, 0, 100), chunk('a', 60, 0, 600), chunk('ab', 10, 0, 100), chunk('a\u0000', 10, 0, 100), chunk('b', 10, 0, 100)]);
    const a10 = await store.read('a', 10, 0, 1000);
    assert.deepEqual(a10.map((c) => [c.id, c.resolution, c.end]), [['a', 10, 100]]);
    assert.equal(a10[0].data[0], 10);
    const a60 = await store.read('a', 60, 0, 1000);
    assert.deepEqual(a60.map((c) => [c.id, c.resolution, c.end]), [['a', 60, 600]]);
    assert.equal(a60[0].data[0], 60);
    assert.deepEqual(ends(await store.read('a', 1, 0, 1000)), []);
    assert.deepEqual(ends(await store.read('nope', 10, 0, 1000)), []);
  });
});

test('delete removes every resolution of one series and nothing else', async () => {
  await withStore(async (store, t) => {
    await store.write([chunk('a', 10, 0, 100), chunk('a', 10, 100, 200), chunk('a', 60, 0, 600), chunk('ab', 10, 0, 100), chunk('b', 60, 0, 600)]);
    await store.delete('a');
    assert.deepEqual(ends(await store.read('a', 10, 0, 1000)), []);
    assert.deepEqual(ends(await store.read('a', 60, 0, 1000)), []);
    assert.deepEqual(ends(await store.read('ab', 10, 0, 1000)), [100]);
    assert.deepEqual(ends(await store.read('b', 60, 0, 1000)), [600]);
    assert.equal(expiryEntries(t), 2, 'expiry entries of the deleted chunks are gone');
    await store.delete('never-written');
    assert.equal(await store.expire(Infinity), 2);
  });
});

test('expire removes exactly the chunks whose end + ttl is before now', async () => {
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
    assert.deepEqual(ends(await store.read('c', 10, 0, 1000)), []);
    assert.equal(await store.expire(1200), 1);
    assert.deepEqual(ends(await store.read('a', 10, 0, 1000)), [200]);
    assert.equal(await store.expire(1201), 2);
    assert.deepEqual(ends(await store.read('a', 10, 0, 1000)), []);
    assert.deepEqual(ends(await store.read('b', 10, 0, 1000)), []);
    assert.deepEqual(ends(await store.read('a', 60, 0, 1000)), [600]);
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
    assert.deepEqual(ends(await store.read('a', 10, 0, 100)), [100]);
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

test('survives closing and reopening the environment', async () => {
  const t = tempEnvironment();
  try {
    let store = LmdbChunkStore.open(t.env);
    await store.write([chunk('a', 10, 0, 21600, 50), chunk('a', 10, 21600, 43200, 50), chunk('b', 60, 0, 86400)]);
    await store.close();
    await t.reopen();
    store = LmdbChunkStore.open(t.env);
    // the read bound must still know the 6 h window after the reopen
    assert.deepEqual(ends(await store.read('a', 10, 100, 200)), [21600]);
    assert.deepEqual(ends(await store.read('b', 60, 86399, 86399)), [86400]);
    assert.equal(await store.expire(43200 + 51), 2, 'expiry index survived too');
    await store.close();
  } finally {
    await t.destroy();
  }
});

test('a call with an invalid chunk writes nothing and says what is wrong', async () => {
  await withStore(async (store) => {
    await assert.rejects(store.write([chunk('a', 10, 0, 100), chunk('a', 10, 200, 100)]), /start < end/);
    await assert.rejects(store.write([{ ...chunk('a', 10, 0, 100), ttl: -1 }]), /ttl/);
    await assert.rejects(store.write([{ ...chunk('a', 10, 0, 100), resolution: 0 }]), /resolution/);
    assert.deepEqual(ends(await store.read('a', 10, 0, 1000)), []);
  });
});

test('a closed store refuses work', async () => {
  await withStore(async (store) => {
    await store.close();
    await assert.rejects(store.read('a', 10, 0, 100), /closed/);
    await assert.rejects(store.write([chunk('a', 10, 0, 100)]), /closed/);
  });
});

test('several writers: each keeps its own chunk of a window; reads return all, oldest version first; expiry and delete take every writer\'s', async () => {
  await withStore(async (store, t) => {
    const mine = { ...chunk('w1', 10, 0, 7200, 3600, 1), writer: 'node-a', version: 200 };
    const theirs = { ...chunk('w1', 10, 0, 7200, 3600, 2), writer: 'node-b', version: 100 };
    const single = { ...chunk('w1', 10, 7200, 14400, 3600, 3) };
    await store.write([mine, single, theirs]);
    const got = await store.read('w1', 10, 0, 20000);
    assert.deepEqual(
      got.map((c) => [c.end, c.writer, c.version, c.data[1]]),
      [
        [7200, 'node-b', 100, 2],
        [7200, 'node-a', 200, 1],
        [14400, '', 0, 3],
      ],
    );
    // a writer's rewrite replaces only its own chunk
    await store.write([{ ...mine, data: Uint8Array.from([9, 9]), version: 300 }]);
    assert.deepEqual(
      (await store.read('w1', 10, 0, 7199)).map((c) => [c.writer, c.version, [...c.data]]),
      [
        ['node-b', 100, [...theirs.data]],
        ['node-a', 300, [9, 9]],
      ],
    );
    assert.equal(expiryEntries(t), 3);
    assert.equal(await store.expire(7200 + 3601), 2);
    assert.deepEqual(ends(await store.read('w1', 10, 0, 20000)), [14400]);
    await store.write([mine, theirs]);
    await store.delete('w1');
    assert.deepEqual(await store.read('w1', 10, 0, 20000), []);
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
