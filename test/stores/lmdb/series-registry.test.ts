import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriesId } from '../../../src/series/id.js';
import type { MetricName, StorageSchema } from '../../../src/series/types.js';
import type { SeriesRecord } from '../../../src/stores/chunk-store.js';
import { LmdbSeriesRegistry } from '../../../src/stores/lmdb/series-registry.js';
import { tempEnvironment } from './helpers.js';

const schema: StorageSchema = {
  retentions: [
    { step: 10, retention: 7 * 86400 },
    { step: 60, retention: 30 * 86400 },
  ],
  aggregation: 'max',
  xFilesFactor: 0.25,
};

function record(name: string, tags: Record<string, string> = {}, s: StorageSchema = schema): SeriesRecord {
  const metric: MetricName = { name, tags };
  return { id: seriesId(metric), metric, schema: s };
}

async function collect(registry: LmdbSeriesRegistry): Promise<SeriesRecord[]> {
  const out: SeriesRecord[] = [];
  for await (const r of registry.all()) out.push(r);
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

test('records round-trip with their tags and schema, and survive a reopen', async () => {
  const t = tempEnvironment();
  try {
    let registry = LmdbSeriesRegistry.open(t.env);
    const plain = record('servers.web1.cpu');
    const tagged = record('disk.used', { dc: 'eu', host: 'db-2' }, { retentions: [{ step: 60, retention: 86400 }], aggregation: 'sum', xFilesFactor: 0 });
    await registry.put([plain, tagged]);
    assert.deepEqual(await registry.get(plain.id), plain);
    assert.deepEqual(await registry.get(tagged.id), tagged);
    assert.equal(await registry.get('no-such-id'), undefined);
    await registry.close();

    await t.reopen();
    registry = LmdbSeriesRegistry.open(t.env);
    assert.deepEqual(await collect(registry), [plain, tagged].sort((a, b) => (a.id < b.id ? -1 : 1)));
    await registry.close();
  } finally {
    await t.destroy();
  }
});

test('put replaces, delete removes one record', async () => {
  const t = tempEnvironment();
  const registry = LmdbSeriesRegistry.open(t.env);
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
    await registry.close();
    await t.destroy();
  }
});

test('all() lists thousands of records exactly once', async () => {
  const t = tempEnvironment();
  const registry = LmdbSeriesRegistry.open(t.env);
  try {
    const records = Array.from({ length: 3000 }, (_, i) => record(`host${i % 30}.metric${i}`));
    await registry.put(records);
    const seen = await collect(registry);
    assert.equal(seen.length, 3000);
    assert.equal(new Set(seen.map((r) => r.metric.name)).size, 3000);
    for (const r of seen) assert.equal(r.id, seriesId(r.metric));
  } finally {
    await registry.close();
    await t.destroy();
  }
});

test('getMany answers in order; touch and idle keep the records by last write, paged', async () => {
  const t = tempEnvironment();
  try {
    const registry = LmdbSeriesRegistry.open(t.env);
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
    await registry.close();
  } finally {
    await t.destroy();
  }
});

test('a registry written before last writes were kept gives its records one at the first idle scan', async () => {
  const t = tempEnvironment();
  try {
    // the layout of the earlier version: records without lastWrite and no activity index
    const db = t.env.openDB<{ metric: MetricName; schema: StorageSchema }, string>('series', {});
    const old = record('old.series');
    await db.put(old.id, { metric: old.metric, schema: old.schema });
    const registry = LmdbSeriesRegistry.open(t.env);
    assert.deepEqual(await registry.idle(100, 10), []);
    assert.equal((await registry.get(old.id))?.lastWrite, 100);
    assert.deepEqual((await registry.idle(101, 10)).map((r) => r.metric.name), ['old.series']);
    await registry.close();
  } finally {
    await t.destroy();
  }
});
