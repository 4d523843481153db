import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INDEX_DB_NAMES, LmdbMetricIndex } from '../../../src/finders/lmdb/lmdb-metric-index.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { Stats } from '../../../src/lib/stats.js';
import { openLmdbEnvironment } from '../../../src/stores/lmdb/environment.js';
import { SCRATCH } from '../../../src/finders/tree/search.js';
import { collect, metric } from '../helpers.js';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-index-'));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The embedded index's own side: its snapshot, journal and size figures. The MetricIndex and
// TagIndex contract every index passes is test/finders/metric-index.test.ts.

const NAMES = [
  'servers.web01.cpu.user',
  'servers.web01.cpu.system',
  'servers.web02.cpu.user',
  'servers.db01.disk.used',
  'apps.api',
  'apps.api.latency',
  'disk.used;host=web01;dc=eu',
];

/** A logger that keeps what the index says about loading. */
function recordingLogger() {
  const loads: Array<Record<string, unknown>> = [];
  const warnings: string[] = [];
  return {
    loads,
    warnings,
    logger: {
      ...silentLogger,
      info(obj: unknown, msg?: string) {
        if (msg === 'metric index loaded') loads.push(obj as Record<string, unknown>);
      },
      warn(_obj: unknown, msg?: string) {
        warnings.push(msg ?? '');
      },
    },
  };
}

test('a restart restores the snapshot and replays what changed after it', async () => {
  await withDir(async (dir) => {
    const many = Array.from({ length: 3000 }, (_, i) => `dc${i % 3}.host${i % 700}.m${i}`);
    let env = openLmdbEnvironment(dir);
    let log = recordingLogger();
    let index = LmdbMetricIndex.open(env, { logger: log.logger });
    await index.register([...NAMES, ...many].map(metric));
    await index.close(); // writes the snapshot
    await env.close();

    env = openLmdbEnvironment(dir);
    log = recordingLogger();
    index = LmdbMetricIndex.open(env, { logger: log.logger });
    assert.equal(log.loads[0].from, 'snapshot');
    assert.equal(index.size, NAMES.length + many.length);
    const host1 = many.filter((n) => n.startsWith('dc1.host1.')).map((n) => `L ${n}`);
    assert.equal(host1.length, 2);
    assert.deepEqual(await collect(index, 'dc1.host1.*'), host1.sort());
    // changes after the snapshot, then a crash (no close): they live in the journal
    await index.register([metric('new.series.a'), metric('dc1.host1.extra')]);
    assert.equal(await index.delete('dc1.host1.m1'), 1);
    await env.close();

    env = openLmdbEnvironment(dir);
    log = recordingLogger();
    index = LmdbMetricIndex.open(env, { logger: log.logger });
    assert.equal(log.loads[0].from, 'snapshot');
    assert.equal(index.size, NAMES.length + many.length + 1);
    assert.deepEqual(await collect(index, 'dc1.host1.*'), ['L dc1.host1.extra', 'L dc1.host1.m2101']);
    assert.deepEqual(await collect(index, 'new.*.*'), ['L new.series.a']);
    assert.deepEqual(await collect(index, 'disk.used;dc=eu;host=web01'), ['L disk.used;dc=eu;host=web01']);
    await index.close();
    await env.close();
  });
});

test('a snapshot out of step with the stored paths is ignored and the tree rebuilt', async () => {
  await withDir(async (dir) => {
    let env = openLmdbEnvironment(dir);
    let index = LmdbMetricIndex.open(env, { logger: silentLogger });
    await index.register(NAMES.map(metric));
    await index.close();
    // a path written behind the index's back (or lost journal): the snapshot no longer matches
    const paths = env.openDB<Buffer, string>(INDEX_DB_NAMES.paths, { encoding: 'binary' });
    await paths.put('sneaked.in', Buffer.alloc(0));
    await env.close();

    env = openLmdbEnvironment(dir);
    const log = recordingLogger();
    index = LmdbMetricIndex.open(env, { logger: log.logger });
    assert.equal(log.loads[0].from, 'paths');
    assert.match(log.warnings.join('\n'), /out of step/);
    assert.equal(index.size, NAMES.length + 1);
    assert.deepEqual(await collect(index, 'sneaked.*'), ['L sneaked.in']);
    await index.close();
    await env.close();

    // a damaged snapshot chunk
    env = openLmdbEnvironment(dir);
    const damaged = env.openDB<Buffer, string>(INDEX_DB_NAMES.snapshot, { encoding: 'binary' });
    await damaged.put('parent:0', Buffer.from([1, 2, 3]));
    await env.close();
    env = openLmdbEnvironment(dir);
    const again = recordingLogger();
    index = LmdbMetricIndex.open(env, { logger: again.logger });
    assert.equal(again.loads[0].from, 'paths');
    assert.deepEqual(await collect(index, 'servers.*.cpu.user'), ['L servers.web01.cpu.user', 'L servers.web02.cpu.user']);
    await index.close();
    await env.close();
  });
});

test('a long journal is folded into a snapshot while running, and a crash after it loses nothing', async () => {
  await withDir(async (dir) => {
    let env = openLmdbEnvironment(dir);
    let index = LmdbMetricIndex.open(env, { logger: silentLogger, snapshotEvery: 100 });
    const names = Array.from({ length: 450 }, (_, i) => `app${i % 5}.node${i}`);
    for (let i = 0; i < names.length; i += 50) await index.register(names.slice(i, i + 50).map(metric));
    const deleted = names.filter((n) => /^app0\.node1/.test(n)).length;
    assert.equal(await index.delete('app0.node1*'), deleted);
    const journal = env.openDB<Buffer, number>(INDEX_DB_NAMES.journal, { encoding: 'binary' });
    assert.ok(journal.getKeysCount() < 150, `journal holds ${journal.getKeysCount()} entries`);
    await env.close(); // a crash: no index.close()

    env = openLmdbEnvironment(dir);
    const log = recordingLogger();
    index = LmdbMetricIndex.open(env, { logger: log.logger });
    assert.equal(log.loads[0].from, 'snapshot');
    assert.equal(index.size, names.length - deleted);
    const expected = names.filter((n) => !/^app0\.node1/.test(n)).filter((n) => n.startsWith('app0.')).map((n) => `L ${n}`);
    assert.deepEqual(await collect(index, 'app0.*'), expected.sort());
    await index.close();
    await env.close();
  });
});

test('the embedded index reports its size in nodes, leaves and bytes', async () => {
  await withDir(async (dir) => {
    const env = openLmdbEnvironment(dir);
    const stats = new Stats();
    const index = LmdbMetricIndex.open(env, { logger: silentLogger, stats });
    await index.register(NAMES.map(metric));
    await index.register(NAMES.map(metric));
    await collect(index, 'servers.*');
    await collect(index, '*');
    const figures = new Map(stats.collect().map((f) => [f.name, f.value]));
    assert.equal(figures.get('index.series'), NAMES.length);
    assert.equal(figures.get('index.series_registered'), NAMES.length);
    assert.ok((figures.get('index.nodes') ?? 0) > NAMES.length);
    assert.ok((figures.get('index.memory_bytes') ?? 0) > 0);
    assert.equal(figures.get('index.find_ms.count'), 2);
    await index.close();
    await env.close();
  });
});


test('finds started together that end within their first slice share the scratch stamps instead of making a set each', async () => {
  await withDir(async (dir) => {
    const env = openLmdbEnvironment(dir);
    const index = LmdbMetricIndex.open(env, { logger: silentLogger });
    const names = Array.from({ length: 300 }, (_, i) => `stall.h${i}.cpu.user`);
    await index.register(names.map(metric));
    const before = SCRATCH.created;
    // as a render of 300 targets starts its finds: all at once, none awaited before the next starts
    const found = await Promise.all(names.map((n) => collect(index, n, { leavesOnly: true })));
    assert.deepEqual(found, names.map((n) => [`L ${n}`]));
    // a set is 8 bytes a node of the tree: one per find would be 300 of them
    assert.ok(SCRATCH.created - before <= 1, `${SCRATCH.created - before} scratch sets made`);
    await index.close();
    await env.close();
  });
});
