import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LmdbMetricIndex } from '../../../src/finders/lmdb/lmdb-metric-index.js';
import { FindLimitError, GlobError } from '../../../src/finders/glob/errors.js';
import { collectFind } from '../../../src/finders/collect-find.js';
import type { MetricIndex } from '../../../src/finders/metric-index.js';
import { silentLogger } from '../../../src/lib/logger.js';
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
    assert.equal(await index.delete('servers.web0*.cpu.user'), 2);
    assert.deepEqual(await collect(index, 'servers.*'), ['B servers.db01', 'B servers.web01']);
    assert.equal(await index.delete('apps.api'), 1);
    assert.deepEqual(await collect(index, 'apps.*'), ['B apps.api']);
    assert.equal(await index.delete('disk.used;dc=eu;host=web01'), 1);
    assert.deepEqual(await collect(index, '*'), ['B apps', 'B servers']);
    assert.equal(await index.delete('no.such.*'), 0);
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

test('collectFind answers up to the cap and names the cap and the query beyond it', async () => {
  await withDir(async (dir) => {
    const { env, index } = openIndex(dir);
    await index.register(NAMES.map(metric));
    assert.equal((await collectFind(index, 'servers.*', 3)).length, 3);
    await assert.rejects(collectFind(index, 'servers.*', 2), (err: unknown) => {
      assert.ok(err instanceof FindLimitError);
      assert.equal(err.limit, 2);
      assert.match(err.message, /servers\.\*.*2/);
      return true;
    });
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
