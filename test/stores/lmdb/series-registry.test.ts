import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricName, StorageSchema } from '../../../src/series/types.js';
import { LmdbSeriesRegistry } from '../../../src/stores/lmdb/series-registry.js';
import { tempEnvironment } from './helpers.js';
import { record } from '../fixtures.js';

// LMDB's own side of the registry: the upgrade of a registry written before last writes were
// kept. The SeriesRegistry contract every backend passes is test/stores/series-registry.test.ts.

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
