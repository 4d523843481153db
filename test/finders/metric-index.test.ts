// The MetricIndex and TagIndex contract, on the suites' backend (test/helpers/test-backend.ts):
// the embedded index by default, the Cassandra or the Elasticsearch index when
// CARBYNE_TEST_BACKEND says so. The embedded index's snapshot and journal are tested in
// test/finders/lmdb/; the remote indices against the embedded one in remote-indices.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { GlobError } from '../../src/finders/glob/errors.js';
import { TagExpressionError } from '../../src/finders/tag-expressions.js';
import type { MetricIndex } from '../../src/finders/metric-index.js';
import { Stats } from '../../src/lib/stats.js';
import { openStoreHarness, type StoreHarness } from '../stores/helpers.js';
import { collect, metric } from './helpers.js';

async function leavesOf(index: MetricIndex): Promise<string[]> {
  const out: string[] = [];
  for await (const path of index.leaves!()) out.push(path);
  return out;
}

async function withIndex(fn: (index: MetricIndex, h: StoreHarness) => Promise<void>, stats?: Stats): Promise<void> {
  const h = await openStoreHarness(stats);
  try {
    await fn(h.backends.index, h);
  } finally {
    await h.destroy();
  }
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
  await withIndex(async (index) => {
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
    // braces, sets and ranges, ? and literal variants
    assert.deepEqual(await collect(index, 'servers.{web01,db01}.*'), ['B servers.db01.disk', 'B servers.web01.cpu']);
    assert.deepEqual(await collect(index, 'servers.web0[2-9].cpu.*'), ['L servers.web02.cpu.user']);
    assert.deepEqual(await collect(index, 'servers.[!w]*.*.*'), ['L servers.db01.disk.used']);
    assert.deepEqual(await collect(index, 'servers.web0?.cpu.{user,sys*}'), ['L servers.web01.cpu.system', 'L servers.web01.cpu.user', 'L servers.web02.cpu.user']);
    // empty elements stay on their branch, as graphite-web's path join does
    assert.deepEqual(await collect(index, 'apps..api'), ['B apps.api', 'L apps.api']);
    assert.deepEqual(await collect(index, 'apps.'), ['B apps.']);
  });
});

test('register is idempotent and the index survives a restart', async () => {
  await withIndex(async (_index, h) => {
    await h.backends.index.register(NAMES.map(metric));
    await h.backends.index.register(NAMES.map(metric));
    assert.equal((await leavesOf(h.backends.index)).length, NAMES.length);
    const before = await collect(h.backends.index, '*.*.*.*');
    await h.reopen();
    const index = h.backends.index;
    assert.equal((await leavesOf(index)).length, NAMES.length);
    assert.deepEqual(await collect(index, '*.*.*.*'), before);
    assert.deepEqual(await collect(index, 'disk.used;dc=eu;host=web01'), ['L disk.used;dc=eu;host=web01']);
  });
});

test('delete removes matching leaves and the branches they leave empty, durably', async () => {
  await withIndex(async (_index, h) => {
    let index = h.backends.index;
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
    // unregister removes exactly the names given, and says how many were there
    assert.equal(await index.unregister([metric('servers.db01.disk.used'), metric('never.there')]), 1);
    assert.deepEqual(await collect(index, 'servers.*'), ['B servers.web01']);
    await index.register([metric('servers.db01.disk.used')]);
    await h.reopen();
    index = h.backends.index;
    assert.equal((await leavesOf(index)).length, NAMES.length - 4);
    assert.deepEqual(await collect(index, 'servers.*.*.*'), ['L servers.db01.disk.used', 'L servers.web01.cpu.system']);
    // registering a deleted name brings it back
    await index.register([metric('servers.web02.cpu.user')]);
    assert.deepEqual(await collect(index, 'servers.web02.*.*'), ['L servers.web02.cpu.user']);
  });
});

test('a pathological pattern is rejected with a GlobError', async () => {
  await withIndex(async (index) => {
    await index.register(NAMES.map(metric));
    const braces = `servers.${'{a,b}'.repeat(20)}`;
    await assert.rejects(collect(index, braces), GlobError);
  });
});

test('find stops at the limit it is given', async () => {
  await withIndex(async (index) => {
    await index.register(NAMES.map(metric));
    const all = await collect(index, 'servers.*.*.*');
    assert.equal(all.length, 4);
    for (const limit of [0, 1, 3]) {
      const some = await collect(index, 'servers.*.*.*', { limit });
      assert.equal(some.length, limit);
      for (const n of some) assert.ok(all.includes(n));
    }
  });
});

test('** descends any depth below a branch, and only stays at the root at the top', async () => {
  await withIndex(async (index) => {
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
  });
});

test('leaves() lists every leaf path sorted by code point, as index.json does', async () => {
  await withIndex(async (index) => {
    const names = [...NAMES, 'z.é', 'z.e', 'z.E', 'z.~', 'z.😀', 'z.\uffff'];
    await index.register(names.map(metric));
    const codePointOrder = (a: string, b: string) => {
      const x = Array.from(a, (c) => c.codePointAt(0)!);
      const y = Array.from(b, (c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
      return x.length - y.length;
    };
    const expected = names.map((n) => (n.includes(';') ? '_tagged.393.2d5.disk_DOT_used;dc=eu;host=web01' : n)).sort(codePointOrder);
    assert.deepEqual(await leavesOf(index), expected);
    await index.delete('z.*');
    assert.deepEqual(
      await leavesOf(index),
      expected.filter((p) => !p.startsWith('z.')),
    );
  });
});

test('an escaped wildcard is written back into the matched paths, as graphite-web does', async () => {
  await withIndex(async (index) => {
    await index.register(['a.bXc.x', 'a.bYc.x', 'a.b*c.x', 'a.other.x'].map(metric));
    // graphite-web removes the backslash, globs b*c, then names every match after the pattern
    assert.deepEqual(await collect(index, 'a.b\\*c'), ['B a.b*c']);
    assert.deepEqual(await collect(index, 'a.b\\*c.x'), ['L a.b*c.x']);
    assert.deepEqual(await collect(index, 'a.o\\ther'), ['B a.other']);
  });
});

test('the index reports its registrations and finds to the stats registry', async () => {
  const stats = new Stats();
  await withIndex(async (index) => {
    await index.register(NAMES.map(metric));
    await index.register(NAMES.map(metric));
    await collect(index, 'servers.*');
    await collect(index, '*');
    const figures = new Map(stats.collect().map((f) => [f.name, f.value]));
    assert.equal(figures.get('index.series_registered'), NAMES.length);
    assert.equal(figures.get('index.find_ms.count'), 2);
  }, stats);
});

test("findSeries answers graphite-web's tag queries over the golden tagged series, after a restart too", async () => {
  // graphite-web 1.1.8's /tags/findSeries answers, captured by test/fixtures/tags/capture.mjs
  const { answers } = JSON.parse(readFileSync('test/fixtures/tags/find-series.json', 'utf8')) as {
    answers: Array<{ expressions: string[]; status: number; body: string[] | { error: string } }>;
  };
  const tagged = ['disk.used;host=web01;dc=eu', 'disk.used;dc=us;host=web02', 'cpu.load;host=web01;dc=eu'];
  await withIndex(async (_index, h) => {
    // plain series never answer a tag query, even one every name matches
    await h.backends.index.register([...tagged, 'disk.used', 'cpu.load', 'servers.web01.cpu.user'].map(metric));
    const check = async (stage: string) => {
      const tags = h.backends.tagIndex;
      for (const a of answers) {
        const what = `${stage}: ${JSON.stringify(a.expressions)}`;
        if (a.status === 200) assert.deepEqual(await tags.findSeries(a.expressions), a.body, what);
        else {
          await assert.rejects(tags.findSeries(a.expressions), TagExpressionError, what);
          // where graphite-web refuses the query itself (not Python's regex compiler), the words are its own
          if (a.status === 400) await assert.rejects(tags.findSeries(a.expressions), { message: (a.body as { error: string }).error }, what);
        }
      }
      assert.deepEqual(await tags.tagNames(), ['dc', 'host', 'name']);
      assert.deepEqual(await tags.tagValues('host'), ['web01', 'web02']);
      assert.deepEqual(await tags.tagValues('dc', { expressions: ['name=cpu.load'] }), ['eu']);
    };
    await check('registered');
    await h.reopen();
    await check('reopened');
  });
});
