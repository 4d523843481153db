// The Cassandra and Elasticsearch indices against the embedded one, on the same names: every
// find of graphite-web's captured cases and of random patterns, before and after removals, and
// random tag queries, listings and autocompletions must answer exactly alike (find in
// graphite-web's order, as the routes sort it). Always run against the test servers (or the
// real clusters CARBYNE_TEST_CASSANDRA / CARBYNE_TEST_ELASTICSEARCH name), whatever backend
// the other suites run on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { LmdbMetricIndex } from '../../src/finders/lmdb/lmdb-metric-index.js';
import type { MetricIndex, MetricNode } from '../../src/finders/metric-index.js';
import { sortByName } from '../../src/finders/node-order.js';
import type { TagIndex, TagQuery } from '../../src/finders/tag-index.js';
import { silentLogger } from '../../src/lib/logger.js';
import { openLmdbEnvironment } from '../../src/stores/lmdb/environment.js';
import { openStoreHarness } from '../stores/helpers.js';
import type { BackendKind } from '../helpers/test-backend.js';
import { metric } from './helpers.js';

const REMOTE: BackendKind[] = ['cassandra', 'cassandra+elasticsearch'];

const fixture = JSON.parse(readFileSync(new URL('../fixtures/finders/oracle-find.json', import.meta.url), 'utf8')) as {
  names: string[];
  cases: Array<{ query: string; leavesOnly: boolean; status: number }>;
};

/** find's answer as the routes order it, or the error it threw. */
async function answer(index: MetricIndex, pattern: string, leavesOnly: boolean): Promise<MetricNode[] | string> {
  try {
    const out: MetricNode[] = [];
    for await (const n of index.find(pattern, { leavesOnly })) out.push(n);
    return sortByName(out);
  } catch (err) {
    return `${(err as Error).name}: ${(err as Error).message}`;
  }
}

async function outcome<T>(f: () => Promise<T>): Promise<T | string> {
  try {
    return await f();
  } catch (err) {
    return `${(err as Error).name}: ${(err as Error).message}`;
  }
}

/** The embedded index, and the remote one of `kind`, holding the same names. */
/** listTags and tagDetails of an index, without graphite-web's row ids (a remote index has none). */
async function tagListings(index: TagIndex): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [filter, limit] of [[undefined, undefined], ['h', undefined], ['(?i)D', 1], ['[', undefined]] as const) {
    out.push(await outcome(async () => (await index.listTags(filter, limit)).map((r) => r.tag)));
  }
  for (const tag of ['host', 'dc', 'role', 'none']) {
    for (const [filter, limit] of [[undefined, undefined], ['web1', 2]] as const) {
      out.push(await outcome(async () => {
        const d = await index.tagDetails(tag, filter, limit);
        return d && { tag: d.tag, values: d.values.map((v) => [v.value, v.count]) };
      }));
    }
  }
  return out;
}

async function withBoth(kind: BackendKind, fn: (embedded: LmdbMetricIndex, remote: MetricIndex & TagIndex) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-remote-'));
  const env = openLmdbEnvironment(dir);
  const embedded = LmdbMetricIndex.open(env, { logger: silentLogger });
  const h = await openStoreHarness(undefined, kind);
  try {
    await fn(embedded, h.backends.index as MetricIndex & TagIndex);
  } finally {
    await h.destroy();
    await embedded.close();
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Random glob patterns over the segments of `names`: literals, wildcards, sets, braces, `**`, empty elements. */
function patternArb(names: readonly string[]): fc.Arbitrary<string> {
  const paths = names.filter((n) => !n.includes(';')).map((n) => n.split('.'));
  const element = (segment: string): fc.Arbitrary<string> =>
    fc.oneof(
      { weight: 5, arbitrary: fc.constant(segment) },
      { weight: 3, arbitrary: fc.constant('*') },
      { weight: 2, arbitrary: fc.constant(`${segment.slice(0, 1)}*`) },
      { weight: 2, arbitrary: fc.constant(`*${segment.slice(-1)}`) },
      { weight: 1, arbitrary: fc.constant(segment.replace(/^./u, '?')) },
      { weight: 1, arbitrary: fc.constant(`[${segment.slice(0, 1)}x-z]*`) },
      { weight: 1, arbitrary: fc.constant(`[!${segment.slice(0, 1)}]*`) },
      { weight: 1, arbitrary: fc.constant(`{${segment},nope}`) },
      { weight: 1, arbitrary: fc.constant(`{${segment},*x*}`) },
      { weight: 1, arbitrary: fc.constant('**') },
      { weight: 1, arbitrary: fc.constant('') },
    );
  return fc
    .constantFrom(...paths)
    .chain((path) => fc.integer({ min: 1, max: path.length + 1 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => element(path[Math.min(i, path.length - 1)])))))
    .map((elements) => elements.join('.'));
}

for (const kind of REMOTE) {
  test(`${kind}: every find answers as the embedded index does, also after removals`, async () => {
    await withBoth(kind, async (embedded, remote) => {
      const names = fixture.names.map(metric);
      await embedded.register(names);
      await remote.register(names);
      const compare = async (pattern: string, leavesOnly: boolean, stage: string) => {
        assert.deepEqual(await answer(remote, pattern, leavesOnly), await answer(embedded, pattern, leavesOnly), `${stage}: ${JSON.stringify(pattern)} leavesOnly=${leavesOnly}`);
      };
      for (const c of fixture.cases) if (c.status === 200) await compare(c.query, c.leavesOnly, 'captured case');
      const patterns = fc.sample(patternArb(fixture.names), { numRuns: 300, seed: 9 });
      for (const p of patterns) await compare(p, false, 'random pattern');
      // a third of the series go: the branches they leave empty go with them
      const gone = names.filter((_, i) => i % 3 === 0);
      assert.equal(await remote.unregister(gone), await embedded.unregister(gone));
      assert.equal(await remote.delete('wide.host0*'), await embedded.delete('wide.host0*'));
      for (const p of ['*', '*.*', '*.*.*', '**', 'wide.*', ...patterns.slice(0, 100)]) await compare(p, false, 'after removals');
      const leaves = async (index: MetricIndex) => {
        const out: string[] = [];
        for await (const path of index.leaves!()) out.push(path);
        return out;
      };
      assert.deepEqual(await leaves(remote), await leaves(embedded));
    });
  });

  test(`${kind}: tag queries, tag names and values answer as the embedded index does`, async () => {
    await withBoth(kind, async (embedded, remote) => {
      const names: string[] = [];
      for (let i = 0; i < 120; i++) {
        const tags = [`host=web${i % 12}`, `dc=${['eu', 'us', 'ap'][i % 3]}`, ...(i % 4 === 0 ? [`role=db${i % 8}`] : []), ...(i % 10 === 0 ? ['é=ü😀'] : [])];
        names.push(`${['cpu.load', 'disk.used', 'net.rx'][i % 3]};${tags.join(';')}`);
      }
      names.push('plain.series', 'cpu.load');
      await embedded.register(names.map(metric));
      await remote.register(names.map(metric));
      const values = ['web1', 'web11', 'eu', 'us', 'cpu.load', 'db4', 'nope', 'ü😀', ''];
      const regexes = ['web1.*', 'web(1|2)$', '^d', '.*', 'e?', '[', 'cpu\\.l.*', '(?i)EU', 'u😀'];
      const expression = fc.oneof(
        fc.tuple(fc.constantFrom('host', 'dc', 'role', 'name', 'é', 'none'), fc.constantFrom('=', '!='), fc.constantFrom(...values)).map(([t, o, v]) => `${t}${o}${v}`),
        fc.tuple(fc.constantFrom('host', 'dc', 'role', 'name', 'é'), fc.constantFrom('=~', '!=~'), fc.constantFrom(...regexes)).map(([t, o, v]) => `${t}${o}${v}`),
        fc.constant('bad;expr'),
      );
      const queries = fc.sample(fc.array(expression, { minLength: 1, maxLength: 3 }), { numRuns: 250, seed: 4 });
      for (const q of queries) {
        assert.deepEqual(await outcome(() => remote.findSeries(q)), await outcome(() => embedded.findSeries(q)), `findSeries ${JSON.stringify(q)}`);
      }
      const listings: TagQuery[] = [{}, { prefix: 'h' }, { limit: 2 }, { expressions: ['dc=eu'] }, { expressions: ['host=~web1.*'], prefix: 'r' }, { expressions: ['name=nope'] }];
      for (const query of listings) {
        assert.deepEqual(await outcome(() => remote.tagNames(query)), await outcome(() => embedded.tagNames(query)), `tagNames ${JSON.stringify(query)}`);
        for (const tag of ['host', 'dc', 'name', 'role', 'é', 'none']) {
          assert.deepEqual(await outcome(() => remote.tagValues(tag, query)), await outcome(() => embedded.tagValues(tag, query)), `tagValues ${tag} ${JSON.stringify(query)}`);
        }
      }
      assert.deepEqual(await tagListings(remote), await tagListings(embedded), 'listTags and tagDetails');
      // removed series leave the listings; a value no series holds any more goes
      const gone = [...new Set(names.filter((n) => n.includes('role=db4') || n.includes('host=web11')))].map(metric);
      assert.equal(await remote.unregister(gone), await embedded.unregister(gone));
      for (const query of listings) {
        assert.deepEqual(await remote.tagNames(query), await embedded.tagNames(query), `after removal: tagNames ${JSON.stringify(query)}`);
        for (const tag of ['host', 'role']) assert.deepEqual(await remote.tagValues(tag, query), await embedded.tagValues(tag, query), `after removal: tagValues ${tag}`);
      }
      for (const q of queries.slice(0, 60)) assert.deepEqual(await outcome(() => remote.findSeries(q)), await outcome(() => embedded.findSeries(q)), `after removal: ${JSON.stringify(q)}`);
      assert.deepEqual(await tagListings(remote), await tagListings(embedded), 'after removal: listTags and tagDetails');
    });
  });
}
