import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INDEX_DB_NAMES, LmdbMetricIndex } from '../../../src/finders/lmdb/lmdb-metric-index.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { parseMetricName } from '../../../src/series/name.js';
import type { MetricName } from '../../../src/series/types.js';
import { openLmdbEnvironment, type LmdbEnvironment } from '../../../src/stores/lmdb/environment.js';

// The embedded index's tag part across restarts: the tag snapshot written with the tree's, the
// journal replayed over it after a crash, a rebuild from the stored names when the snapshot
// cannot be used, and graphite-web's ids kept throughout.

function metric(raw: string): MetricName {
  const parsed = parseMetricName(raw);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.metric;
}

function loadsOf() {
  const loads: Array<Record<string, unknown>> = [];
  const logger = {
    ...silentLogger,
    info(obj: unknown, msg?: string) {
      if (msg === 'tag index loaded') loads.push(obj as Record<string, unknown>);
    },
  };
  return { loads, logger };
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-tags-'));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function open(dir: string) {
  const env: LmdbEnvironment = openLmdbEnvironment(dir);
  const log = loadsOf();
  return { env, log, index: LmdbMetricIndex.open(env, { logger: log.logger }) };
}

/** Everything a client can see of the tag index. */
async function view(index: LmdbMetricIndex) {
  return {
    eu: await index.findSeries(['dc=eu']),
    all: await index.findSeries(['name!=']),
    tags: await index.listTags(),
    host: await index.tagDetails('host'),
    rack: await index.tagDetails('rack'),
    values: await index.tagValues('host', { expressions: ['name!=x'] }),
  };
}

const SERIES = Array.from({ length: 40 }, (_, i) => `m${i % 4};host=h${i};dc=${i % 3 === 0 ? 'eu' : 'us'}`);

test('a restart loads the tag index from its snapshot, ids included', async () => {
  await withDir(async (dir) => {
    const { env, index } = open(dir);
    await index.register([...SERIES, 'gone;rack=r1'].map(metric));
    await index.unregister([metric('gone;rack=r1')]);
    const before = await view(index);
    assert.equal(before.eu.length, 14);
    // graphite-web's numbering: every tag of every new series takes a number (dc, host, name:
    // 1-3, then 3 more for each of the other 39), `gone` inserts rack (121) and name (122)
    assert.deepEqual(before.tags, [{ id: 1, tag: 'dc' }, { id: 2, tag: 'host' }, { id: 3, tag: 'name' }, { id: 121, tag: 'rack' }]);
    // a tag whose series are all gone is still listed, with no values (graphite-web's rows stay)
    assert.deepEqual(before.rack, { id: 121, tag: 'rack', values: [] });
    await index.close();
    await env.close();

    const reopened = open(dir);
    assert.deepEqual(reopened.log.loads.map((l) => l.from), ['snapshot']);
    assert.deepEqual(await view(reopened.index), before);
    // a new tag after the restart numbers on from where the sequence stood
    await reopened.index.register([metric('n;zone=a')]);
    assert.equal((await reopened.index.tagDetails('zone'))?.id, 123);
    await reopened.index.close();
    await reopened.env.close();
  });
});

test('after a crash the journal brings the tag index up to date over its snapshot', async () => {
  await withDir(async (dir) => {
    let { env, index } = open(dir);
    await index.register(SERIES.map(metric));
    await index.close(); // the snapshot
    await env.close();

    ({ env, index } = open(dir));
    await index.register(['late;host=h99;dc=eu', 'm0;host=h0;dc=ap'].map(metric));
    assert.equal(await index.delete('m1.*'), 0);
    assert.equal(await index.unregister([metric(SERIES[0]), metric(SERIES[3])]), 2);
    const before = await view(index);
    await env.close(); // a crash: no close, the changes live in the journal

    const after = open(dir);
    assert.deepEqual(after.log.loads.map((l) => l.from), ['snapshot']);
    assert.deepEqual(await view(after.index), before);
    assert.ok(before.eu.includes('late;dc=eu;host=h99'));
    assert.ok(!before.eu.includes(SERIES[0].replace('host=h0;dc=eu', 'dc=eu;host=h0')));
    await after.index.close();
    await after.env.close();
  });
});

test('without a usable tag snapshot the tag index is rebuilt from the stored names, and saved', async () => {
  await withDir(async (dir) => {
    let { env, index } = open(dir);
    await index.register(SERIES.map(metric));
    const before = await view(index);
    await index.close();
    // a damaged tag snapshot
    const damaged = env.openDB<Buffer, string>(INDEX_DB_NAMES.tagSnapshot, { encoding: 'binary' });
    await damaged.put('seriesPairs:0', Buffer.from([1, 2, 3]));
    await env.close();

    let log;
    ({ env, index, log } = open(dir));
    assert.deepEqual(log.loads.map((l) => l.from), ['paths']);
    assert.deepEqual(await view(index), before);
    await index.close();
    await env.close();

    ({ env, index, log } = open(dir));
    assert.deepEqual(log.loads.map((l) => l.from), ['snapshot']);
    assert.deepEqual(await view(index), before);
    await index.close();
    await env.close();
  });
});

test("a value whose last series went gets its old id back when it returns, as graphite-web's rows do, across a restart", async () => {
  await withDir(async (dir) => {
    let { env, index } = open(dir);
    await index.register(['a;k=only', 'b;k=other'].map(metric));
    const id = (await index.tagDetails('k'))!.values.find((v) => v.value === 'only')!.id;
    await index.unregister([metric('a;k=only')]);
    assert.deepEqual((await index.tagDetails('k'))!.values.map((v) => v.value), ['other']);
    await index.close();
    await env.close();

    ({ env, index } = open(dir));
    await index.register([metric('c;k=only')]);
    assert.equal((await index.tagDetails('k'))!.values.find((v) => v.value === 'only')?.id, id);
    await index.close();
    await env.close();
  });
});
