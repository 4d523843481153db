import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INDEX_DB_NAMES, LmdbMetricIndex } from '../../../src/finders/lmdb/lmdb-metric-index.js';
import { GlobError } from '../../../src/finders/glob/errors.js';
import { TagExpressionError } from '../../../src/finders/tag-expressions.js';
import type { MetricIndex } from '../../../src/finders/metric-index.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { Stats } from '../../../src/lib/stats.js';
import { parseMetricName } from '../../../src/series/name.js';
import type { MetricName } from '../../../src/series/types.js';
import { openLmdbEnvironment, type LmdbEnvironment } from '../../../src/stores/lmdb/environment.js';

function metric(raw: string): MetricName {
  const parsed = parseMetricName(raw);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.metric;
}

async function collect(index: MetricIndex, pattern: string, opts = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const n of index.find(pattern, opts)) out.push(`${n.isLeaf ? 'L' : 'B'} ${n.path}`);
  return out.sort();
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-index-'));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function openIndex(dir: string): { env: LmdbEnvironment; index: LmdbMetricIndex } {
  const env = openLmdbEnvironment(dir);
  return { env, index: LmdbMetricIndex.open(env, { logger: silentLogger }) };
}

const NAMES = [
  'servers.web01.cpu.user',
  'servers.web01.cpu.system',
  'servers.web02.cpu.user',
  'servers.db01.disk.used',
  'apps.api',
  'apps.api.latency',
  'disk.used;host=web01;dc=eu',
];

test('find answers branches and leaves level by level', async () => {
  await withDir(async (dir) => {
    const { env, index } = openIndex(dir);
    await index.register(NAMES.map(metric));
    assert.deepEqual(await collect(index, '*'), ['B _tagged', 'B apps', 'B servers']);
    assert.deepEqual(await collect(index, 'servers.*'), ['B servers.db01', 'B servers.web01', 'B servers.web02']);
    assert.deepEqual(await collect(index, 'servers.*.cpu.user'), ['L servers.web01.cpu.user', 'L servers.web02.cpu.user']);
    assert.deepEqual(await collect(index, '*.*.*.used'), ['L servers.db01.disk.used']);
    // a path that has data and children is both a leaf and a branch
    assert.deepEqual(await collect(index, 'apps.*'), ['B apps.api', 'L apps.api']);
    assert.deepEqual(await collect(index, 'apps.*', { leavesOnly: true }), ['L apps.api']);
    assert.deepEqual(await collect(index, 'nothing.*'), []);
    // tagged series: where graphite-web's index.json shows them (sha256 prefix 3932d5), and by display name
    assert.deepEqual(await collect(index, '_tagged.*.*.*'), ['L _tagged.393.2d5.disk_DOT_used;dc=eu;host=web01']);
    assert.deepEqual(await collect(index, 'disk.used;dc=eu;host=web01'), ['L disk.used;dc=eu;host=web01']);
    assert.deepEqual(await collect(index, 'servers.*', { limit: 2 }).then((r) => r.length), 2);
    await index.close();
    await env.close();
  });
});

test('register is idempotent and the index survives a restart', async () => {
  await withDir(async (dir) => {
    let { env, index } = openIndex(dir);
    await index.register(NAMES.map(metric));
    await index.register(NAMES.map(metric));
    assert.equal(index.size, NAMES.length);
    const before = await collect(index, '*.*.*.*');
    await index.close();
    await env.close();

    ({ env, index } = openIndex(dir));
    assert.equal(index.size, NAMES.length);
    assert.deepEqual(await collect(index, '*.*.*.*'), before);
    assert.deepEqual(await collect(index, 'disk.used;dc=eu;host=web01'), ['L disk.used;dc=eu;host=web01']);
    await index.close();
    await env.close();
  });
});

test('delete removes matching leaves and the branches they leave empty, durably', async () => {
  await withDir(async (dir) => {
    let { env, index } = openIndex(dir);
    await index.register(NAMES.map(metric));
    await index.register(NAMES.map(metric)); // now remembered as known
    assert.equal(await index.delete('servers.web0*.cpu.user'), 2);
    assert.deepEqual(await collect(index, 'servers.*'), ['B servers.db01', 'B servers.web01']);
    assert.equal(await index.delete('apps.api'), 1);
    assert.deepEqual(await collect(index, 'apps.*'), ['B apps.api']);
    assert.equal(await index.delete('disk.used;dc=eu;host=web01'), 1);
    assert.deepEqual(await collect(index, '*'), ['B apps', 'B servers']);
    assert.equal(await index.delete('no.such.*'), 0);
    // a deleted name registered again in the same run is indexed again, not taken as known
    await index.register([metric('apps.api')]);
    assert.deepEqual(await collect(index, 'apps.*'), ['B apps.api', 'L apps.api']);
    assert.equal(await index.delete('apps.api'), 1);
    await index.close();
    await env.close();

    ({ env, index } = openIndex(dir));
    assert.equal(index.size, NAMES.length - 4);
    assert.deepEqual(await collect(index, 'servers.*.*.*'), ['L servers.db01.disk.used', 'L servers.web01.cpu.system']);
    // registering a deleted name brings it back
    await index.register([metric('servers.web02.cpu.user')]);
    assert.deepEqual(await collect(index, 'servers.web02.*.*'), ['L servers.web02.cpu.user']);
    await index.close();
    await env.close();
  });
});

test('a pathological pattern is rejected with a GlobError', async () => {
  await withDir(async (dir) => {
    const { env, index } = openIndex(dir);
    await index.register(NAMES.map(metric));
    const braces = `servers.${'{a,b}'.repeat(20)}`;
    await assert.rejects(collect(index, braces), GlobError);
    await index.close();
    await env.close();
  });
});

test('find stops at the limit it is given', async () => {
  await withDir(async (dir) => {
    const { env, index } = openIndex(dir);
    await index.register(NAMES.map(metric));
    const all = await collect(index, 'servers.*.*.*');
    assert.equal(all.length, 4);
    for (const limit of [0, 1, 3]) {
      const some = await collect(index, 'servers.*.*.*', { limit });
      assert.equal(some.length, limit);
      for (const n of some) assert.ok(all.includes(n));
    }
    await index.close();
    await env.close();
  });
});

test('** descends any depth below a branch, and only stays at the root at the top', async () => {
  await withDir(async (dir) => {
    const { env, index } = openIndex(dir);
    await index.register(NAMES.map(metric));
    assert.deepEqual(await collect(index, 'servers.**'), [
      'B servers.db01',
      'B servers.db01.disk',
      'B servers.web01',
      'B servers.web01.cpu',
      'B servers.web02',
      'B servers.web02.cpu',
      'L servers.db01.disk.used',
      'L servers.web01.cpu.system',
      'L servers.web01.cpu.user',
      'L servers.web02.cpu.user',
    ]);
    assert.deepEqual(await collect(index, 'servers.**.user'), ['L servers.web01.cpu.user', 'L servers.web02.cpu.user']);
    assert.deepEqual(await collect(index, 'servers.web01.**.cpu'), ['B servers.web01.cpu']);
    assert.deepEqual(await collect(index, '**'), ['B _tagged', 'B apps', 'B servers']);
    await index.close();
    await env.close();
  });
});

test('leaves() lists every leaf path sorted by code point, as index.json does', async () => {
  await withDir(async (dir) => {
    const { env, index } = openIndex(dir);
    const names = [...NAMES, 'z.é', 'z.e', 'z.E', 'z.~', 'z.😀', 'z.\uffff'];
    await index.register(names.map(metric));
    const leaves: string[] = [];
    for await (const path of index.leaves()) leaves.push(path);
    const codePointOrder = (a: string, b: string) => {
      const x = Array.from(a, (c) => c.codePointAt(0)!);
      const y = Array.from(b, (c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
      return x.length - y.length;
    };
    const expected = names
      .map((n) => (n.includes(';') ? '_tagged.393.2d5.disk_DOT_used;dc=eu;host=web01' : n))
      .sort(codePointOrder);
    assert.deepEqual(leaves, expected);
    await index.delete('z.*');
    const after: string[] = [];
    for await (const path of index.leaves()) after.push(path);
    assert.deepEqual(after, expected.filter((p) => !p.startsWith('z.')));
    await index.close();
    await env.close();
  });
});

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

test('an escaped wildcard is written back into the matched paths, as graphite-web does', async () => {
  await withDir(async (dir) => {
    const { env, index } = openIndex(dir);
    await index.register(['a.bXc.x', 'a.bYc.x', 'a.b*c.x', 'a.other.x'].map(metric));
    // graphite-web removes the backslash, globs b*c, then names every match after the pattern
    assert.deepEqual(await collect(index, 'a.b\\*c'), ['B a.b*c']);
    assert.deepEqual(await collect(index, 'a.b\\*c.x'), ['L a.b*c.x']);
    assert.deepEqual(await collect(index, 'a.o\\ther'), ['B a.other']);
    await index.close();
    await env.close();
  });
});

test('the index reports its size, registrations and finds to the stats registry', async () => {
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

test("findSeries answers graphite-web's tag queries over the golden tagged series, after a restart too", async () => {
  // graphite-web 1.1.8's /tags/findSeries answers, captured by test/fixtures/tags/capture.mjs
  const { answers } = JSON.parse(readFileSync('test/fixtures/tags/find-series.json', 'utf8')) as {
    answers: Array<{ expressions: string[]; status: number; body: string[] | { error: string } }>;
  };
  const tagged = ['disk.used;host=web01;dc=eu', 'disk.used;dc=us;host=web02', 'cpu.load;host=web01;dc=eu'];
  await withDir(async (dir) => {
    let { env, index } = openIndex(dir);
    // plain series never answer a tag query, even one every name matches
    await index.register([...tagged, 'disk.used', 'cpu.load', 'servers.web01.cpu.user'].map(metric));
    const check = async (stage: string) => {
      for (const a of answers) {
        const what = `${stage}: ${JSON.stringify(a.expressions)}`;
        if (a.status === 200) assert.deepEqual(await index.findSeries(a.expressions), a.body, what);
        else {
          await assert.rejects(index.findSeries(a.expressions), TagExpressionError, what);
          // where graphite-web refuses the query itself (not Python's regex compiler), the words are its own
          if (a.status === 400) await assert.rejects(index.findSeries(a.expressions), { message: (a.body as { error: string }).error }, what);
        }
      }
    };
    await check('registered');
    await index.close();
    await env.close();
    ({ env, index } = openIndex(dir));
    await check('reopened');
    await index.close();
    await env.close();
  });
});
