// Searches of the Elasticsearch test server through the real client: each query form a path and
// tag index uses, sort and paging (from/size, search_after, point in time, scroll), _source
// filtering, total hits, aggregations, _count and _delete_by_query. Expected answers follow the
// Elasticsearch reference (Query DSL: term-level queries, "Regular expression syntax"; Search
// API; Paginate search results; Terms and Composite aggregations).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '@elastic/elasticsearch';
import { luceneRegexp } from './elasticsearch/patterns.js';
import { errors, seedPaths, withEs } from './es-client.js';

const PATHS: [string, Record<string, string>?][] = [
  ['carbon.agents.a1.cpu', { dc: 'ams', role: 'relay' }],
  ['carbon.agents.a2.cpu', { dc: 'fra', role: 'relay' }],
  ['carbon.agents.b1.mem', { dc: 'ams', role: 'cache' }],
  ['servers.web01.load', { dc: 'ams' }],
  ['servers.web02.load', { dc: 'fra' }],
  ['servers.db1.load'],
  ['stats.count_10'],
  ['stats.count_7'],
];

async function ids(es: Client, query: unknown, extra: Record<string, unknown> = {}): Promise<string[]> {
  const r = await es.search({ index: 'paths-*', query: query as never, sort: [{ path: 'asc' }], size: 100, ...extra });
  return r.hits.hits.map((h) => h._id!);
}

const status400 = (e: Error & { meta?: { statusCode?: number } }) => e instanceof errors.ResponseError && e.meta?.statusCode === 400;

test('term-level queries: term, terms, prefix, wildcard, range, exists, ids', async () => {
  await withEs(async (es) => {
    await seedPaths(es, PATHS);
    assert.deepEqual(await ids(es, { term: { p0: 'servers' } }), ['servers.db1.load', 'servers.web01.load', 'servers.web02.load']);
    assert.deepEqual(await ids(es, { term: { p0: 'Servers' } }), [], 'keyword terms are exact');
    assert.deepEqual(await ids(es, { term: { p0: { value: 'Servers', case_insensitive: true } } }), ['servers.db1.load', 'servers.web01.load', 'servers.web02.load']);
    assert.deepEqual(await ids(es, { terms: { p1: ['web01', 'db1'] } }), ['servers.db1.load', 'servers.web01.load']);
    assert.deepEqual(await ids(es, { prefix: { path: 'carbon.agents.a' } }), ['carbon.agents.a1.cpu', 'carbon.agents.a2.cpu']);
    assert.deepEqual(await ids(es, { wildcard: { path: { value: 'servers.web0?.*' } } }), ['servers.web01.load', 'servers.web02.load']);
    assert.deepEqual(await ids(es, { range: { depth: { gte: 4 } } }), ['carbon.agents.a1.cpu', 'carbon.agents.a2.cpu', 'carbon.agents.b1.mem']);
    assert.deepEqual(await ids(es, { range: { depth: { gt: 2, lt: 4 } } }), ['servers.db1.load', 'servers.web01.load', 'servers.web02.load']);
    assert.deepEqual(await ids(es, { range: { p1: { gte: 'count_', lt: 'e' } } }), ['servers.db1.load', 'stats.count_10', 'stats.count_7']);
    assert.deepEqual(await ids(es, { exists: { field: 'p2' } }), ['carbon.agents.a1.cpu', 'carbon.agents.a2.cpu', 'carbon.agents.b1.mem', 'servers.db1.load', 'servers.web01.load', 'servers.web02.load']);
    assert.deepEqual(await ids(es, { ids: { values: ['stats.count_7', 'nope'] } }), ['stats.count_7']);
    assert.deepEqual(await ids(es, { term: { leaf: true } }), PATHS.map(([p]) => p).sort());
  });
});

test('regexp uses Lucene syntax: whole-term match, no anchors, "strings", intervals, classes', async () => {
  await withEs(async (es) => {
    await seedPaths(es, PATHS);
    assert.deepEqual(await ids(es, { regexp: { path: 'servers\\.web0[12]\\.load' } }), ['servers.web01.load', 'servers.web02.load']);
    // the pattern must match the whole term: "web" alone matches nothing
    assert.deepEqual(await ids(es, { regexp: { path: 'web' } }), []);
    assert.deepEqual(await ids(es, { regexp: { path: '.*web.*' } }), ['servers.web01.load', 'servers.web02.load']);
    assert.deepEqual(await ids(es, { regexp: { p1: '(web|db)[0-9]+' } }), ['servers.db1.load', 'servers.web01.load', 'servers.web02.load']);
    assert.deepEqual(await ids(es, { regexp: { p1: 'count_<8-12>' } }), ['stats.count_10']);
    assert.deepEqual(await ids(es, { regexp: { p1: '"count_"\\d' } }), ['stats.count_7']);
    assert.deepEqual(await ids(es, { regexp: { p2: 'a@' } }), ['carbon.agents.a1.cpu', 'carbon.agents.a2.cpu']);
    assert.deepEqual(await ids(es, { regexp: { p2: { value: 'A[0-9]', case_insensitive: true } } }), ['carbon.agents.a1.cpu', 'carbon.agents.a2.cpu']);
    // ^ and $ are not anchors in Lucene: they are ordinary characters here
    assert.deepEqual(await ids(es, { regexp: { p0: '^servers$' } }), []);
    await assert.rejects(es.search({ index: 'paths-1', query: { regexp: { path: 'a[' } } }), status400);
    // the translation itself, beside the index
    assert.equal(luceneRegexp('a.c').test('abc'), true);
    assert.equal(luceneRegexp('a.c').test('xabc'), false);
    assert.equal(luceneRegexp('<1-3>x').test('2x'), true);
    assert.equal(luceneRegexp('<1-3>x').test('4x'), false);
    assert.equal(luceneRegexp('a{2,3}').test('aaa'), true);
    assert.equal(luceneRegexp('a{2,3}').test('aaaa'), false);
    assert.equal(luceneRegexp('[^a-c]+').test('xyz'), true);
    assert.equal(luceneRegexp('[^a-c]+').test('xbz'), false);
    assert.equal(luceneRegexp('a#').test('a'), false);
  });
});

test('bool: must, filter, should with minimum_should_match, must_not; nested tag queries', async () => {
  await withEs(async (es) => {
    await seedPaths(es, PATHS);
    assert.deepEqual(
      await ids(es, { bool: { filter: [{ term: { p0: 'carbon' } }], should: [{ wildcard: { path: '*.cpu' } }, { prefix: { p2: 'b' } }], minimum_should_match: 1 } }),
      ['carbon.agents.a1.cpu', 'carbon.agents.a2.cpu', 'carbon.agents.b1.mem'],
    );
    assert.deepEqual(await ids(es, { bool: { must: [{ term: { p0: 'carbon' } }], must_not: [{ term: { p2: 'a1' } }] } }), ['carbon.agents.a2.cpu', 'carbon.agents.b1.mem']);
    assert.deepEqual(await ids(es, { bool: { should: [{ term: { p1: 'web01' } }, { term: { p1: 'db1' } }] } }), ['servers.db1.load', 'servers.web01.load']);
    assert.deepEqual(await ids(es, { bool: { should: [{ term: { p0: 'servers' } }, { term: { p1: 'db1' } }], minimum_should_match: 2 } }), ['servers.db1.load']);
    // a term on an unmapped field matches nothing (no error)
    assert.deepEqual(await ids(es, { term: { p9: 'x' } }), []);
    // tags: one nested object must match both conditions
    const tag = (k: string, v: string) => ({ bool: { filter: [{ term: { 'tags.k': k } }, { term: { 'tags.v': v } }] } });
    assert.deepEqual(await ids(es, { nested: { path: 'tags', query: tag('dc', 'ams') } }), ['carbon.agents.a1.cpu', 'carbon.agents.b1.mem', 'servers.web01.load']);
    assert.deepEqual(await ids(es, { nested: { path: 'tags', query: tag('dc', 'relay') } }), [], 'key and value of one tag, not of two');
    assert.deepEqual(
      await ids(es, { bool: { filter: [{ nested: { path: 'tags', query: tag('dc', 'ams') } }, { nested: { path: 'tags', query: tag('role', 'relay') } }] } }),
      ['carbon.agents.a1.cpu'],
    );
    assert.deepEqual(await ids(es, { bool: { must_not: [{ nested: { path: 'tags', query: { exists: { field: 'tags.k' } } } }] } }), ['servers.db1.load', 'stats.count_10', 'stats.count_7']);
    // a nested field outside a nested query sees nothing, as in Elasticsearch
    assert.deepEqual(await ids(es, { term: { 'tags.k': 'dc' } }), []);
    await assert.rejects(es.search({ index: 'paths-1', query: { nested: { path: 'p0', query: { match_all: {} } } } }), status400);
  });
});

test('sort, from/size, search_after, _source filtering, total hits', async () => {
  await withEs(async (es) => {
    await seedPaths(es, PATHS);
    const r = await es.search<{ path: string; depth: number }>({ index: 'paths-1', sort: [{ depth: 'desc' }, { path: 'asc' }], size: 3, _source: ['path'] });
    assert.deepEqual(
      r.hits.hits.map((h) => h.sort),
      [
        [4, 'carbon.agents.a1.cpu'],
        [4, 'carbon.agents.a2.cpu'],
        [4, 'carbon.agents.b1.mem'],
      ],
    );
    assert.deepEqual(r.hits.hits[0]._source, { path: 'carbon.agents.a1.cpu' });
    assert.deepEqual(r.hits.total, { value: 8, relation: 'eq' });
    assert.equal(r.hits.hits[0]._score, null, 'no scores when sorted by field');
    const next = await es.search({ index: 'paths-1', sort: [{ depth: 'desc' }, { path: 'asc' }], size: 3, search_after: r.hits.hits[2].sort, _source: false });
    assert.deepEqual(
      next.hits.hits.map((h) => h._id),
      ['servers.db1.load', 'servers.web01.load', 'servers.web02.load'],
    );
    assert.equal(next.hits.hits[0]._source, undefined);
    const paged = await es.search({ index: 'paths-1', sort: ['path'], from: 6, size: 5 });
    assert.deepEqual(
      paged.hits.hits.map((h) => h._id),
      ['stats.count_10', 'stats.count_7'],
    );
    const excl = await es.search<Record<string, unknown>>({ index: 'paths-1', size: 1, sort: ['path'], _source: { excludes: ['tags', 'p*'] } });
    // `p*` excludes `path` as well as p0..p2
    assert.deepEqual(Object.keys(excl.hits.hits[0]._source!).sort(), ['depth', 'leaf']);
    const few = await es.search({ index: 'paths-1', size: 0, track_total_hits: 5 });
    assert.deepEqual(few.hits.total, { value: 5, relation: 'gte' });
    await assert.rejects(es.search({ index: 'paths-1', from: 9990, size: 11 }), status400);
    // sorting on a text field is refused (fielddata), on an unmapped field too
    await es.index({ index: 'free', id: '1', document: { title: 'Hello World' }, refresh: true });
    await assert.rejects(es.search({ index: 'free', sort: ['title'] }), status400);
    assert.equal((await es.search({ index: 'free', sort: ['title.keyword'] })).hits.hits.length, 1);
    assert.equal((await es.search({ index: 'free', query: { match: { title: 'world' } } })).hits.hits.length, 1);
    await assert.rejects(es.search({ index: 'paths-1', sort: ['nothing'] }), status400);
  });
});

test('keywords sort and compare by code point, as Lucene orders UTF-8 terms', async () => {
  await withEs(async (es) => {
    const words = ['z~', 'zé', 'z\uffff', 'z😀', 'zE', 'ze'];
    await es.bulk({ refresh: true, operations: words.flatMap((w, i) => [{ index: { _index: 'words', _id: String(i) } }, { w }]) });
    const sorted = await es.search<{ w: string }>({ index: 'words', sort: [{ 'w.keyword': 'asc' }], size: 10 });
    // U+FFFF (one UTF-16 unit) comes before U+1F600 (a surrogate pair)
    assert.deepEqual(
      sorted.hits.hits.map((h) => h._source!.w),
      ['zE', 'ze', 'z~', 'zé', 'z\uffff', 'z😀'],
    );
    const above = await es.search<{ w: string }>({ index: 'words', query: { range: { 'w.keyword': { gt: 'z\uffff' } } } });
    assert.deepEqual(
      above.hits.hits.map((h) => h._source!.w),
      ['z😀'],
    );
  });
});

test('point in time and scroll page over a fixed view', async () => {
  await withEs(async (es) => {
    await seedPaths(es, PATHS);
    const pit = await es.openPointInTime({ index: 'paths-1', keep_alive: '1m' });
    await es.bulk({ refresh: true, operations: [{ delete: { _index: 'paths-1', _id: 'servers.db1.load' } }, { index: { _index: 'paths-1', _id: 'zz.new' } }, { path: 'zz.new', depth: 2, leaf: true }] });
    const seen: string[] = [];
    let after: unknown[] | undefined;
    for (;;) {
      const r = await es.search({ pit: { id: pit.id, keep_alive: '1m' }, sort: [{ path: 'asc' }], size: 3, ...(after ? { search_after: after as never } : {}) });
      if (r.hits.hits.length === 0) break;
      // the implicit _shard_doc tiebreaker is appended to the sort values
      assert.equal(r.hits.hits[0].sort?.length, 2);
      seen.push(...r.hits.hits.map((h) => h._id!));
      after = r.hits.hits[r.hits.hits.length - 1].sort;
    }
    assert.deepEqual(seen, PATHS.map(([p]) => p).sort(), 'the view of the point in time, not the later writes');
    await es.closePointInTime({ id: pit.id });
    await assert.rejects(es.search({ pit: { id: pit.id }, sort: ['path'] }), (e: Error & { meta?: { statusCode?: number } }) => e.meta?.statusCode === 404);
    const first = await es.search({ index: 'paths-1', scroll: '1m', size: 4, sort: ['path'] });
    const rest = await es.scroll({ scroll_id: first._scroll_id!, scroll: '1m' });
    const last = await es.scroll({ scroll_id: first._scroll_id!, scroll: '1m' });
    assert.equal(first.hits.hits.length + rest.hits.hits.length, 8);
    assert.equal(last.hits.hits.length, 0);
    assert.equal((await es.clearScroll({ scroll_id: first._scroll_id! })).num_freed, 1);
  });
});

test('aggregations: terms (size, order, include), composite paging, nested, cardinality', async () => {
  await withEs(async (es) => {
    await seedPaths(es, PATHS);
    const r = await es.search({
      index: 'paths-1',
      size: 0,
      aggs: {
        roots: { terms: { field: 'p0' } },
        byKey: { terms: { field: 'p0', order: { _key: 'desc' }, size: 2 } },
        webs: { terms: { field: 'p1', include: 'web.*' } },
        listed: { terms: { field: 'p1', include: ['db1', 'agents'] } },
        distinct: { cardinality: { field: 'p1' } },
        tags: { nested: { path: 'tags' }, aggs: { keys: { terms: { field: 'tags.k' } }, dcs: { filter: { term: { 'tags.k': 'dc' } }, aggs: { v: { terms: { field: 'tags.v' } } } } } },
      },
    });
    const aggs = r.aggregations as Record<string, { buckets?: { key: unknown; doc_count: number }[]; value?: number; [k: string]: unknown }>;
    const buckets = (a: { buckets?: { key: unknown; doc_count: number }[] }) => a.buckets!.map((b) => [b.key, b.doc_count]);
    // by count descending, ties by key ascending
    assert.deepEqual(buckets(aggs.roots), [
      ['carbon', 3],
      ['servers', 3],
      ['stats', 2],
    ]);
    assert.deepEqual(buckets(aggs.byKey), [
      ['stats', 2],
      ['servers', 3],
    ]);
    assert.equal(aggs.byKey.sum_other_doc_count, 3);
    assert.deepEqual(buckets(aggs.webs), [
      ['web01', 1],
      ['web02', 1],
    ]);
    assert.deepEqual(buckets(aggs.listed), [
      ['agents', 3],
      ['db1', 1],
    ]);
    assert.equal(aggs.distinct.value, 6);
    const tags = aggs.tags as unknown as { doc_count: number; keys: { buckets: { key: string; doc_count: number }[] }; dcs: { doc_count: number; v: { buckets: { key: string; doc_count: number }[] } } };
    assert.equal(tags.doc_count, 8);
    assert.deepEqual(buckets(tags.keys), [
      ['dc', 5],
      ['role', 3],
    ]);
    assert.deepEqual(buckets(tags.dcs.v), [
      ['ams', 3],
      ['fra', 2],
    ]);
    // composite pages through every (p0, p1) pair with after_key
    const pairs: string[] = [];
    let after: Record<string, unknown> | undefined;
    for (;;) {
      const c = await es.search({ index: 'paths-1', size: 0, aggs: { pairs: { composite: { size: 2, sources: [{ a: { terms: { field: 'p0' } } }, { b: { terms: { field: 'p1' } } }], ...(after ? { after: after as never } : {}) } } } });
      const agg = c.aggregations!.pairs as { buckets: { key: { a: string; b: string } }[]; after_key?: Record<string, unknown> };
      if (agg.buckets.length === 0) break;
      pairs.push(...agg.buckets.map((b) => `${b.key.a}/${b.key.b}`));
      after = agg.after_key;
    }
    assert.deepEqual(pairs, ['carbon/agents', 'servers/db1', 'servers/web01', 'servers/web02', 'stats/count_10', 'stats/count_7']);
    await assert.rejects(es.search({ index: 'paths-1', size: 0, aggs: { d: { terms: { field: 'depth', include: '4.*' } } } }), status400);
  });
});

test('_count and _delete_by_query', async () => {
  await withEs(async (es) => {
    await seedPaths(es, PATHS);
    assert.equal((await es.count({ index: 'paths-1', query: { prefix: { path: 'servers.' } } })).count, 3);
    const d = await es.deleteByQuery({ index: 'paths-1', query: { wildcard: { path: 'servers.web*' } }, refresh: true });
    assert.equal(d.deleted, 2);
    assert.equal((await es.count({ index: 'paths-1' })).count, 6);
    assert.deepEqual(await ids(es, { prefix: { path: 'servers.' } }), ['servers.db1.load']);
  });
});
