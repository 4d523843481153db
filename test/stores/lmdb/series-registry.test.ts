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
