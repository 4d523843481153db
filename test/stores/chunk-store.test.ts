// The ChunkStore contract, on the suites' backend (test/helpers/test-backend.ts): LMDB by
// default, Cassandra when CARBYNE_TEST_BACKEND says so. LMDB's own internals (its expiry index)
// are tested in test/stores/lmdb/, Cassandra's layout in test/stores/cassandra/.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkEncoding } from '../../src/series/types.js';
import type { ChunkStore, StoredChunk } from '../../src/stores/chunk-store.js';
import { openStoreHarness, type StoreHarness } from './helpers.js';
import { chunk, ends } from './fixtures.js';
import { ValueArena, ValuePool } from '../../src/lib/value-pool.js';

async function withStore(fn: (store: ChunkStore, h: StoreHarness) => Promise<void>) {
  const h = await openStoreHarness();
  try {
    await fn(h.backends.store, h);
  } finally {
    await h.destroy();
  }
}

/** The harness' expiry, or a skip naming why it cannot run here. */
function expiryOf(h: StoreHarness, t: TestContext): ((now: number) => Promise<void>) | null {
  if (h.expireBefore === null) t.skip('needs the CQL test server: its clock expires the TTLs');
  return h.expireBefore;
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

test('reads over long ranges, and windows far apart in time', async () => {
  await withStore(async (store) => {
    // ends years apart: Cassandra keeps them in different partitions (time buckets)
    const year = 365 * 86400;
    await store.write([chunk('far', 10, 0, 7200), chunk('far', 10, year, year + 7200), chunk('far', 10, 10 * year, 10 * year + 7200), chunk('far', 60, year, year + 86400)]);
    assert.deepEqual(ends(await store.read('far', 10, 0, 20 * year)), [7200, year + 7200, 10 * year + 7200]);
    assert.deepEqual(ends(await store.read('far', 10, 7200, 10 * year)), [year + 7200, 10 * year + 7200]);
    assert.deepEqual(ends(await store.read('far', 10, year + 100, year + 200)), [year + 7200]);
    assert.deepEqual(ends(await store.read('far', 10, -Infinity, year)), [7200, year + 7200]);
    assert.deepEqual(ends(await store.read('far', 60, -Infinity, Infinity)), [year + 86400]);
    assert.deepEqual(ends(await store.read('far', 10, 2 * year, 9 * year)), []);
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
  await withStore(async (store) => {
    await store.write([chunk('s', 10, 0, 100, 1000, 1)]);
    await store.write([chunk('s', 10, 0, 100, 1000, 2)]);
    const got = await store.read('s', 10, 0, 100);
    assert.equal(got.length, 1);
    assert.ok(got[0].data.subarray(1).every((b) => b === 2));
    // the same key twice in one call: the last one wins
    await store.write([chunk('s', 10, 0, 100, 1000, 3), chunk('s', 10, 0, 100, 1000, 4)]);
    const again = await store.read('s', 10, 0, 100);
    assert.equal(again.length, 1);
    assert.equal(again[0].data[1], 4);
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
  await withStore(async (store) => {
    await store.write([chunk('a', 10, 0, 100), chunk('a', 10, 100, 200), chunk('a', 60, 0, 600), chunk('a', 10, 400 * 86400, 400 * 86400 + 100), chunk('ab', 10, 0, 100), chunk('b', 60, 0, 600)]);
    await store.delete('a');
    assert.deepEqual(ends(await store.read('a', 10, -Infinity, Infinity)), []);
    assert.deepEqual(ends(await store.read('a', 60, 0, 1000)), []);
    assert.deepEqual(ends(await store.read('ab', 10, 0, 1000)), [100]);
    assert.deepEqual(ends(await store.read('b', 60, 0, 1000)), [600]);
    await store.delete('never-written');
    // a deleted series written again starts from nothing
    await store.write([chunk('a', 10, 200, 300)]);
    assert.deepEqual(ends(await store.read('a', 10, -Infinity, Infinity)), [300]);
  });
});

test('expiry removes exactly the chunks whose end + ttl is before now', async (t) => {
  await withStore(async (store, h) => {
    await store.write([
      chunk('a', 10, 0, 100, 1000), // deadline 1100
      chunk('a', 10, 100, 200, 1000), // 1200
      chunk('a', 60, 0, 600, 5000), // 5600
      chunk('b', 10, 0, 100, 1100), // 1200
      chunk('c', 10, 0, 100, 10), // 110
    ]);
    const expireBefore = expiryOf(h, t);
    if (!expireBefore) return;
    await expireBefore(110);
    assert.deepEqual(ends(await store.read('c', 10, 0, 1000)), [100], 'a deadline equal to now is not yet past');
    await expireBefore(111);
    assert.deepEqual(ends(await store.read('c', 10, 0, 1000)), []);
    assert.deepEqual(ends(await store.read('a', 10, 0, 1000)), [100, 200]);
    await expireBefore(1200);
    assert.deepEqual(ends(await store.read('a', 10, 0, 1000)), [200]);
    assert.deepEqual(ends(await store.read('b', 10, 0, 1000)), [100]);
    await expireBefore(1201);
    assert.deepEqual(ends(await store.read('a', 10, 0, 1000)), []);
    assert.deepEqual(ends(await store.read('b', 10, 0, 1000)), []);
    assert.deepEqual(ends(await store.read('a', 60, 0, 1000)), [600]);
    await expireBefore(5601);
    assert.deepEqual(ends(await store.read('a', 60, 0, 1000)), []);
  });
});

test('a rewrite with another ttl keeps the chunk as long as the new ttl says', async (t) => {
  await withStore(async (store, h) => {
    const expireBefore = expiryOf(h, t);
    if (!expireBefore) return;
    await store.write([chunk('a', 10, 0, 100, 100)]); // deadline 200
    await store.write([chunk('a', 10, 0, 100, 1000)]); // now 1100
    await expireBefore(500);
    assert.deepEqual(ends(await store.read('a', 10, 0, 100)), [100]);
    await store.write([chunk('a', 10, 0, 100, 10)]); // now 110, already past
    await expireBefore(511);
    assert.deepEqual(ends(await store.read('a', 10, 0, 100)), []);
  });
});

test('expiry over many chunks of many series', async (t) => {
  await withStore(async (store, h) => {
    const n = 5000;
    const all: StoredChunk[] = [];
    for (let i = 0; i < n; i++) all.push(chunk(`s${i % 50}`, 10, i * 100, (i + 1) * 100, 10));
    await store.write(all);
    const expireBefore = expiryOf(h, t);
    if (!expireBefore) return;
    // deadlines are (i + 1) * 100 + 10: those with i < 4000 are before 400_011
    await expireBefore(400_011);
    const left = await store.read('s0', 10, -Infinity, Infinity);
    assert.equal(left.length, 20);
    assert.equal(left[0].start, 4000 * 100);
    let total = 0;
    for (const got of await store.readMany(Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, resolution: 10, from: -Infinity, until: Infinity })))) total += got.length;
    assert.equal(total, 1000);
  });
});

test('survives closing and reopening the store', async () => {
  const h = await openStoreHarness();
  try {
    await h.backends.store.write([chunk('a', 10, 0, 21600, 50), chunk('a', 10, 21600, 43200, 50), chunk('b', 60, 0, 86400)]);
    await h.reopen();
    // the read bound must still know the 6 h window after the reopen
    assert.deepEqual(ends(await h.backends.store.read('a', 10, 100, 200)), [21600]);
    assert.deepEqual(ends(await h.backends.store.read('b', 60, 86399, 86399)), [86400]);
    assert.deepEqual(ends(await h.backends.store.read('a', 10, -Infinity, Infinity)), [21600, 43200]);
  } finally {
    await h.destroy();
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

test("several writers: each keeps its own chunk of a window; reads return all, oldest version first; expiry and delete take every writer's", async (t) => {
  await withStore(async (store, h) => {
    const mine = { ...chunk('w1', 10, 0, 7200, 3600, 1), writer: 'node-a', version: 200 };
    const theirs = { ...chunk('w1', 10, 0, 7200, 3600, 2), writer: 'node-b', version: 100 };
    const single = { ...chunk('w1', 10, 7200, 14400, 3600, 3) };
    await store.write([mine, single, theirs]);
    const got = await store.read('w1', 10, 0, 20000);
    assert.deepEqual(
      got.map((c) => [c.end, c.writer ?? '', c.version ?? 0, c.data[1]]),
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
    await store.delete('w1');
    assert.deepEqual(await store.read('w1', 10, 0, 20000), []);
    await store.write([mine, theirs, single]);
    const expireBefore = expiryOf(h, t);
    if (!expireBefore) return;
    await expireBefore(7200 + 3601);
    assert.deepEqual(ends(await store.read('w1', 10, 0, 20000)), [14400]);
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

test("readMany into a request's memory answers as without it, each chunk with its own bytes", async () => {
  await withStore(async (store) => {
    const written = [chunk('c1', 10, 0, 7200, 86400, 1), chunk('c1', 10, 7200, 14400, 86400, 2), chunk('c2', 10, 0, 7200, 86400, 3), chunk('c3', 10, 0, 7200, 86400, 4)];
    await store.write(written);
    const reads = ['c1', 'c2', 'c3', 'nope'].map((id) => ({ id, resolution: 10, from: 0, until: 20000 }));
    const arena = new ValueArena(new ValuePool());
    const lent = await store.readMany(reads, arena);
    const fresh = await store.readMany(reads);
    assert.deepEqual(lent.map(ends), [[7200, 14400], [7200], [7200], []]);
    for (let i = 0; i < reads.length; i++) {
      assert.equal(lent[i].length, fresh[i].length);
      lent[i].forEach((c, j) => {
        assert.deepEqual({ ...c, data: Buffer.from(c.data) }, { ...fresh[i][j], data: Buffer.from(fresh[i][j].data) }, `read ${i} chunk ${j}`);
        const want = written.find((w) => w.id === c.id && w.end === c.end)!;
        assert.deepEqual(Buffer.from(c.data), Buffer.from(want.data));
      });
    }
  });
});
