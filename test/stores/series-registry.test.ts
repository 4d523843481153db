// The SeriesRegistry contract, on the suites' backend (test/helpers/test-backend.ts). LMDB's
// upgrade of registries written before last writes were kept is in test/stores/lmdb/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriesId } from '../../src/series/id.js';
import type { SeriesRecord, SeriesRegistry } from '../../src/stores/chunk-store.js';
import { openStoreHarness } from './helpers.js';
import { record, schema } from './fixtures.js';

async function collect(registry: SeriesRegistry): Promise<SeriesRecord[]> {
  const out: SeriesRecord[] = [];
  for await (const r of registry.all()) out.push(r);
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

test('records round-trip with their tags and schema, and survive a reopen', async () => {
  const h = await openStoreHarness();
  try {
    let registry = h.backends.registry;
    const plain = record('servers.web1.cpu');
    const tagged = record('disk.used', { dc: 'eu', host: 'db-2' }, { retentions: [{ step: 60, retention: 86400 }], aggregation: 'sum', xFilesFactor: 0 });
    await registry.put([plain, tagged]);
    assert.deepEqual(await registry.get(plain.id), plain);
    assert.deepEqual(await registry.get(tagged.id), tagged);
    assert.equal(await registry.get('no-such-id'), undefined);

    await h.reopen();
    registry = h.backends.registry;
    assert.deepEqual(await collect(registry), [plain, tagged].sort((a, b) => (a.id < b.id ? -1 : 1)));
  } finally {
    await h.destroy();
  }
});

test('put replaces, delete removes one record', async () => {
  const h = await openStoreHarness();
  const registry = h.backends.registry;
  try {
    const a = record('a.b');
    const b = record('a.c');
    await registry.put([a, b]);
    const a2 = { ...a, schema: { ...schema, aggregation: 'last' as const } };
    await registry.put([a2]);
    assert.equal((await registry.get(a.id))?.schema.aggregation, 'last');
    await registry.delete(b.id);
    assert.equal(await registry.get(b.id), undefined);
    assert.deepEqual(await collect(registry), [a2]);
    await registry.delete('never-there');
    assert.equal((await collect(registry)).length, 1);
  } finally {
    await h.destroy();
  }
});

test('all() lists thousands of records exactly once', async () => {
  const h = await openStoreHarness();
  const registry = h.backends.registry;
  try {
    const records = Array.from({ length: 3000 }, (_, i) => record(`host${i % 30}.metric${i}`));
    await registry.put(records);
    const seen = await collect(registry);
    assert.equal(seen.length, 3000);
    assert.equal(new Set(seen.map((r) => r.metric.name)).size, 3000);
    for (const r of seen) assert.equal(r.id, seriesId(r.metric));
  } finally {
    await h.destroy();
  }
});

test('getMany answers in order; touch and idle keep the records by last write, paged', async () => {
  const h = await openStoreHarness();
  try {
    const registry = h.backends.registry;
    const recs = ['a', 'b', 'c', 'd'].map((n, i) => ({ ...record(`idle.${n}`), lastWrite: 1000 + i * 100 }));
    await registry.put(recs);
    assert.deepEqual(
      (await registry.getMany([recs[2].id, 'nope', recs[0].id])).map((r) => r?.metric.name),
      ['idle.c', undefined, 'idle.a'],
    );
    assert.deepEqual((await registry.idle(1150, 10)).map((r) => r.metric.name), ['idle.a', 'idle.b']);
    // a touch moves a record later; an older time than the recorded one is ignored
    await registry.touch([
      { id: recs[0].id, lastWrite: 5000 },
      { id: recs[1].id, lastWrite: 500 },
      { id: 'unknown', lastWrite: 9 },
    ]);
    assert.equal((await registry.get(recs[0].id))?.lastWrite, 5000);
    assert.deepEqual((await registry.idle(1150, 10)).map((r) => r.metric.name), ['idle.b']);
    const first = await registry.idle(10_000, 2);
    assert.deepEqual(first.map((r) => r.metric.name), ['idle.b', 'idle.c']);
    const last = first[first.length - 1];
    assert.deepEqual((await registry.idle(10_000, 2, { id: last.id, lastWrite: last.lastWrite! })).map((r) => r.metric.name), ['idle.d', 'idle.a']);
    // a put without lastWrite keeps the recorded one; delete takes the activity entry too
    await registry.put([{ ...recs[2], lastWrite: undefined }]);
    assert.equal((await registry.get(recs[2].id))?.lastWrite, 1200);
    await registry.delete(recs[2].id);
    assert.deepEqual((await registry.idle(10_000, 10)).map((r) => r.metric.name), ['idle.b', 'idle.d', 'idle.a']);
  } finally {
    await h.destroy();
  }
});


test('idle pages through many records over many days, oldest first then by id, each once', async () => {
  const h = await openStoreHarness();
  try {
    const registry = h.backends.registry;
    // 600 records over 30 days, several sharing a second; then some of them written again
    const recs = Array.from({ length: 600 }, (_, i) => ({ ...record(`many.s${i}`), lastWrite: 1_000_000 + Math.floor(i / 3) * 4321 }));
    await registry.put(recs);
    const touched = recs.filter((_, i) => i % 7 === 0);
    await registry.touch(touched.map((r) => ({ id: r.id, lastWrite: 9_000_000 })));
    const expected = recs
      .map((r, i) => (i % 7 === 0 ? { ...r, lastWrite: 9_000_000 } : r))
      .filter((r) => r.lastWrite < 5_000_000)
      .sort((a, b) => a.lastWrite - b.lastWrite || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const seen: string[] = [];
    let after: { id: string; lastWrite: number } | undefined;
    for (;;) {
      const page = await registry.idle(5_000_000, 37, after);
      if (page.length === 0) break;
      assert.ok(page.length <= 37);
      for (const r of page) seen.push(r.id);
      const last = page[page.length - 1];
      after = { id: last.id, lastWrite: last.lastWrite! };
    }
    assert.deepEqual(seen, expected.map((r) => r.id));
    // a deleted record is not idle any more
    await registry.delete(expected[0].id);
    assert.equal((await registry.idle(5_000_000, 1))[0].id, expected[1].id);
  } finally {
    await h.destroy();
  }
});
