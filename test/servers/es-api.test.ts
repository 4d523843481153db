// The Elasticsearch test server through @elastic/elasticsearch 9: cluster info and the product
// check, index templates, indices and mappings, documents, _bulk with per-item results, refresh
// visibility, errors and fault switches. Shapes follow the Elasticsearch REST API reference
// (Index templates, Create index, Bulk API, Refresh API; "Near real-time search").

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@elastic/elasticsearch';
import { PATH_TEMPLATE, errors, pathDoc, withEs } from './es-client.js';

const statusOf = (status: number, type?: string) => (e: Error & { meta?: { statusCode?: number; body?: { error?: { type?: string } } } }) => {
  assert.ok(e instanceof errors.ResponseError, `${e.name}: ${e.message}`);
  assert.equal(e.meta?.statusCode, status);
  if (type) assert.equal(e.meta?.body?.error?.type, type);
  return true;
};

test('info, and every answer carries the product header the client checks', async () => {
  await withEs(async (es, server) => {
    const info = await es.info();
    assert.match(info.version.number, /^9\./);
    assert.equal(info.tagline, 'You Know, for Search');
    const health = await es.cluster.health();
    assert.equal(health.status, 'green');
    const raw = await fetch(server.url);
    assert.equal(raw.headers.get('x-elastic-product'), 'Elasticsearch');
  });
});

test('index templates: put, get, exists, delete, and applied when an index is created', async () => {
  await withEs(async (es) => {
    await es.indices.putIndexTemplate(PATH_TEMPLATE);
    assert.equal(await es.indices.existsIndexTemplate({ name: 'carbyne-paths' }), true);
    assert.equal(await es.indices.existsIndexTemplate({ name: 'nope' }), false);
    const got = await es.indices.getIndexTemplate({ name: 'carbyne-paths' });
    assert.deepEqual(got.index_templates[0].index_template.index_patterns, ['paths-*']);
    // the same priority over overlapping patterns is refused, as Elasticsearch refuses it
    await assert.rejects(es.indices.putIndexTemplate({ ...PATH_TEMPLATE, name: 'other', index_patterns: ['paths-x*'] }), statusOf(400, 'illegal_argument_exception'));
    await es.indices.create({ index: 'paths-a' });
    const mapping = await es.indices.getMapping({ index: 'paths-a' });
    assert.equal(mapping['paths-a'].mappings.properties?.path?.type, 'keyword');
    assert.equal(mapping['paths-a'].mappings.properties?.tags?.type, 'nested');
    // an index written to before it exists is created with the template too
    await es.index({ index: 'paths-b', id: 'a.b', document: pathDoc('a.b'), refresh: true });
    assert.equal((await es.indices.getMapping({ index: 'paths-b' }))['paths-b'].mappings.dynamic, 'strict');
    await es.indices.deleteIndexTemplate({ name: 'carbyne-paths' });
    assert.equal(await es.indices.existsIndexTemplate({ name: 'carbyne-paths' }), false);
  });
});

test('indices: create, exists, mapping updates, delete; names are checked', async () => {
  await withEs(async (es) => {
    await es.indices.create({ index: 'idx', mappings: { properties: { name: { type: 'keyword' }, n: { type: 'integer' } } } });
    assert.equal(await es.indices.exists({ index: 'idx' }), true);
    assert.equal(await es.indices.exists({ index: 'other' }), false);
    await assert.rejects(es.indices.create({ index: 'idx' }), statusOf(400, 'resource_already_exists_exception'));
    await assert.rejects(es.indices.create({ index: 'Bad' }), statusOf(400, 'invalid_index_name_exception'));
    await es.indices.putMapping({ index: 'idx', properties: { extra: { type: 'boolean' } } });
    assert.equal((await es.indices.getMapping({ index: 'idx' })).idx.mappings.properties?.extra?.type, 'boolean');
    await assert.rejects(es.indices.putMapping({ index: 'idx', properties: { n: { type: 'keyword' } } }), statusOf(400, 'illegal_argument_exception'));
    await es.indices.delete({ index: 'idx' });
    await assert.rejects(es.indices.delete({ index: 'idx' }), statusOf(404, 'index_not_found_exception'));
    await assert.rejects(es.search({ index: 'idx' }), statusOf(404, 'index_not_found_exception'));
  });
});

test('_bulk: per-item results and errors, refresh makes writes searchable', async () => {
  await withEs(async (es) => {
    await es.indices.putIndexTemplate(PATH_TEMPLATE);
    const r = await es.bulk({
      operations: [
        { index: { _index: 'paths-1', _id: 'a.b.c' } },
        pathDoc('a.b.c'),
        { create: { _index: 'paths-1', _id: 'a.b.d' } },
        pathDoc('a.b.d'),
        { create: { _index: 'paths-1', _id: 'a.b.c' } },
        pathDoc('a.b.c'),
        { index: { _index: 'paths-1', _id: 'strict' } },
        { path: 'x', unknown: 1 },
        { index: { _index: 'paths-1', _id: 'badint' } },
        { path: 'x', depth: 'three' },
        { delete: { _index: 'paths-1', _id: 'missing' } },
        { index: { _index: 'paths-1', _id: 'a.b.c' } },
        pathDoc('a.b.c'),
      ],
    });
    assert.equal(r.errors, true);
    const items = r.items.map((i) => Object.entries(i)[0]).map(([op, v]) => [op, v.status, v.error?.type ?? v.result]);
    assert.deepEqual(items, [
      ['index', 201, 'created'],
      ['create', 201, 'created'],
      ['create', 409, 'version_conflict_engine_exception'],
      ['index', 400, 'strict_dynamic_mapping_exception'],
      ['index', 400, 'document_parsing_exception'],
      ['delete', 404, 'not_found'],
      ['index', 200, 'updated'],
    ]);
    // the template sets refresh_interval -1: nothing is searchable before a refresh, but GET sees it
    assert.equal((await es.count({ index: 'paths-1' })).count, 0);
    assert.equal((await es.get({ index: 'paths-1', id: 'a.b.c' }))._version, 2);
    await es.indices.refresh({ index: 'paths-1' });
    assert.equal((await es.count({ index: 'paths-1' })).count, 2);
    await es.bulk({ refresh: 'wait_for', operations: [{ delete: { _index: 'paths-1', _id: 'a.b.d' } }] });
    assert.equal((await es.count({ index: 'paths-1' })).count, 1);
  });
});

test('the periodic refresh (index.refresh_interval) makes writes searchable later, not at once', async () => {
  let now = 1_000_000;
  const { EsTestServer } = await import('./elasticsearch/server.js');
  const server = new EsTestServer(() => now);
  await server.listen();
  const es = new Client({ node: server.url });
  try {
    await es.index({ index: 'logs', id: '1', document: { msg: 'x' } });
    assert.equal((await es.count({ index: 'logs' })).count, 0);
    now += 999;
    assert.equal((await es.count({ index: 'logs' })).count, 0);
    now += 1;
    assert.equal((await es.count({ index: 'logs' })).count, 1);
  } finally {
    await es.close();
    await server.close();
  }
});

test('fault switches: 503 is retried by the client, 429 and dropped connections surface, per-item rejections', async () => {
  await withEs(
    async (es, server) => {
      await es.indices.create({ index: 'idx' });
      server.faults.add({ status: 503, path: '/_search', times: 1 });
      // the transport retries 502/503/504 on another attempt: one failure is invisible
      assert.equal((await es.search({ index: 'idx' })).hits.hits.length, 0);
      server.faults.add({ status: 503, path: '/_search' });
      await assert.rejects(es.search({ index: 'idx' }), statusOf(503));
      server.faults.clear();
      server.faults.add({ status: 429, path: '/_bulk', times: 1 });
      await assert.rejects(es.bulk({ operations: [{ index: { _index: 'idx' } }, { a: 1 }] }), statusOf(429, 'es_rejected_execution_exception'));
      server.faults.bulkItemRejections = 1;
      const r = await es.bulk({ refresh: true, operations: [{ index: { _index: 'idx', _id: '1' } }, { a: 1 }, { index: { _index: 'idx', _id: '2' } }, { a: 2 }] });
      assert.deepEqual(
        r.items.map((i) => i.index?.status),
        [429, 201],
      );
      assert.equal(r.items[0].index?.error?.type, 'es_rejected_execution_exception');
      assert.equal((await es.count({ index: 'idx' })).count, 1, 'a rejected item is not indexed');
      server.faults.add({ action: 'drop', path: '/_count' });
      await assert.rejects(es.count({ index: 'idx' }), (e: Error) => e instanceof errors.ConnectionError);
      server.faults.clear();
      server.faults.add({ action: 'silent', path: '/_count', times: 1 });
      await assert.rejects(es.count({ index: 'idx' }, { requestTimeout: 200, maxRetries: 0 }), (e: Error) => e instanceof errors.TimeoutError);
      server.faults.delayMs = 300;
      await assert.rejects(es.count({ index: 'idx' }, { requestTimeout: 100, maxRetries: 0 }), (e: Error) => e instanceof errors.TimeoutError);
      server.faults.clear();
      assert.equal((await es.count({ index: 'idx' })).count, 1);
    },
    { maxRetries: 1 },
  );
});

test('documents: index, get, delete; bad bodies are 400s', async () => {
  await withEs(async (es) => {
    const created = await es.index({ index: 'docs', id: 'x', document: { a: 'one' } });
    assert.equal(created.result, 'created');
    assert.equal((await es.index({ index: 'docs', id: 'x', document: { a: 'two' } })).result, 'updated');
    const got = await es.get<{ a: string }>({ index: 'docs', id: 'x' });
    assert.equal(got._source?.a, 'two');
    assert.equal(got._version, 2);
    await assert.rejects(es.create({ index: 'docs', id: 'x', document: { a: 'three' } }), statusOf(409, 'version_conflict_engine_exception'));
    assert.equal((await es.delete({ index: 'docs', id: 'x' })).result, 'deleted');
    await assert.rejects(es.get({ index: 'docs', id: 'x' }), statusOf(404));
    await assert.rejects(es.search({ index: 'docs', query: { nope: {} } as never }), statusOf(400, 'parsing_exception'));
  });
});
