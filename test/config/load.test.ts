import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, envName, loadConfig, validateConfig } from '../../src/config/load.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'carbyne-config-'));
  dirs.push(d);
  return d;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('defaults need no file', () => {
  const c = loadConfig({ env: {}, file: undefined });
  assert.equal(c.dataDir, './data');
  assert.equal(c.http.listen, '0.0.0.0:8080');
  assert.equal(c.carbon.listen, '0.0.0.0:2003');
  assert.equal(c.pickle.listen, '0.0.0.0:2004');
  assert.equal(c.selfMetrics.enabled, true);
});

test('file < environment < flags', () => {
  const dir = tmp();
  const file = join(dir, 'carbyne.yaml');
  writeFileSync(file, 'dataDir: /from/file\nhttp:\n  listen: 127.0.0.1:1\nselfMetrics:\n  prefix: file.\n');
  const c = loadConfig({
    file,
    env: { CARBYNE_DATA_DIR: '/from/env', CARBYNE_SELF_METRICS_PREFIX: 'env.', CARBYNE_SELF_METRICS_ENABLED: 'false', CARBYNE_LIMITS_RENDER_MAX_SERIES: '7' },
    overrides: { dataDir: '/from/flag' },
  });
  assert.equal(c.dataDir, '/from/flag');
  assert.equal(c.http.listen, '127.0.0.1:1');
  assert.equal(c.selfMetrics.prefix, 'env.');
  assert.equal(c.selfMetrics.enabled, false);
  assert.equal(c.limits.render.maxSeries, 7);
});

test('environment names follow the key path', () => {
  assert.equal(envName(['selfMetrics', 'prefix']), 'CARBYNE_SELF_METRICS_PREFIX');
  assert.equal(envName(['limits', 'render', 'maxSeries']), 'CARBYNE_LIMITS_RENDER_MAX_SERIES');
});

test('an invalid value names the key and the problem', () => {
  assert.throws(() => loadConfig({ env: { CARBYNE_HTTP_LISTEN: 'nonsense' } }), (err: Error) => {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /http\.listen: expected HOST:PORT/);
    return true;
  });
  assert.throws(() => loadConfig({ env: { CARBYNE_WAL_FSYNC_INTERVAL_MS: 'soon' } }), /wal\.fsyncIntervalMs/);
  assert.throws(() => loadConfig({ env: {}, overrides: { retentions: [{ pattern: '.*', retentions: '10s:1d,15s:2d' }] } }), /retentions\[0\].*not a multiple/);
  assert.throws(() => loadConfig({ env: {}, overrides: { retentions: [{ pattern: '(', retentions: '10s:1d' }] } }), /retentions\[0\].*invalid regular expression/);
  assert.throws(() => loadConfig({ env: {}, overrides: { bogusKey: 1 } }), ConfigError, 'unknown keys are not silently ignored');
});

test('the ingest pause limits leave a flush room to end the pause', () => {
  assert.throws(() => validateConfig({ memory: { maxHotBytes: 1024 ** 2, pauseIngestAtHotBytes: 1024 ** 2 } }), /memory\.pauseIngestAtHotBytes: .*above memory\.maxHotBytes/);
  assert.equal(validateConfig({ memory: { maxHotBytes: 1024 ** 2, pauseIngestAtHotBytes: 2 * 1024 ** 2 } }).memory.pauseIngestAtHotBytes, 2 * 1024 ** 2);
  assert.throws(() => validateConfig({ wal: { segmentBytes: 1024 ** 2, pauseIngestAtBytes: 3 * 1024 ** 2 } }), /wal\.pauseIngestAtBytes: .*4 x wal\.segmentBytes/);
  assert.equal(validateConfig({ wal: { segmentBytes: 1024 ** 2, pauseIngestAtBytes: 4 * 1024 ** 2 } }).wal.pauseIngestAtBytes, 4 * 1024 ** 2);
});

test('reads carbon storage-schemas.conf and storage-aggregation.conf', async () => {
  const { StorageRules } = await import('../../src/config/storage-rules.js');
  const dir = tmp();
  writeFileSync(join(dir, 's.conf'), '[carbon]\npattern = ^carbon\\.\nretentions = 60:90d\n\n# comment\n[default]\npattern = .*\nretentions = 10s:1d,1m:7d\n');
  writeFileSync(join(dir, 'a.conf'), '[sum]\npattern = \\.count$\nxFilesFactor = 0.1\naggregationMethod = sum\n');
  const rules = StorageRules.fromConfig(loadConfig({ env: {}, overrides: { storageSchemas: join(dir, 's.conf'), storageAggregation: join(dir, 'a.conf') } }));
  assert.deepEqual(rules.schemaFor('carbon.agents.x'), { retentions: [{ step: 60, retention: 90 * 86400 }], aggregation: 'average', xFilesFactor: 0 });
  assert.deepEqual(rules.schemaFor('app.requests.count'), {
    retentions: [{ step: 10, retention: 86400 }, { step: 60, retention: 7 * 86400 }],
    aggregation: 'sum',
    xFilesFactor: 0.1,
  });
  writeFileSync(join(dir, 'bad.conf'), '[x]\npattern = .*\naggregationMethod = median\n');
  assert.throws(() => loadConfig({ env: {}, overrides: { storageAggregation: join(dir, 'bad.conf') } }), /bad\.conf:1 \[x\]: aggregationMethod "median"/);
  assert.throws(() => loadConfig({ env: {}, overrides: { storageSchemas: join(dir, 'missing.conf') } }), /storageSchemas: cannot read/);
});

test('nested sections reject unknown keys too; the backends are lmdb, cassandra and elasticsearch, their settings from the environment', () => {
  assert.throws(() => loadConfig({ env: {}, overrides: { limits: { render: { maxSerie: 3 } } } }), /limits\.render/);
  assert.throws(() => loadConfig({ env: {}, overrides: { memory: { maxHotByte: 3 } } }), /memory/);
  assert.equal(loadConfig({ env: { CARBYNE_STORE_BACKEND: 'lmdb' } }).store.backend, 'lmdb');
  assert.throws(() => loadConfig({ env: { CARBYNE_STORE_BACKEND: 'elasticsearch' } }), /store\.backend/);
  assert.throws(() => loadConfig({ env: { CARBYNE_INDEX_BACKEND: 'mysql' } }), /index\.backend/);
  const c = loadConfig({
    env: {
      CARBYNE_STORE_BACKEND: 'cassandra',
      CARBYNE_INDEX_BACKEND: 'elasticsearch',
      CARBYNE_CASSANDRA_CONTACT_POINTS: '["10.0.0.1","10.0.0.2"]',
      CARBYNE_CASSANDRA_CONSISTENCY_READ: 'one',
      CARBYNE_CASSANDRA_REPLICATION_CLASS: 'NetworkTopologyStrategy',
      CARBYNE_CASSANDRA_REPLICATION_DATA_CENTERS: '{"dc1":3}',
      CARBYNE_ELASTICSEARCH_NODES: '["http://es1:9200"]',
      CARBYNE_ELASTICSEARCH_BULK_SIZE: '500',
    },
  });
  assert.equal(c.store.backend, 'cassandra');
  assert.equal(c.index.backend, 'elasticsearch');
  assert.deepEqual(c.cassandra.contactPoints, ['10.0.0.1', '10.0.0.2']);
  assert.equal(c.cassandra.consistency.read, 'one');
  assert.equal(c.cassandra.consistency.write, 'localQuorum');
  assert.deepEqual(c.cassandra.replication, { class: 'NetworkTopologyStrategy', replicationFactor: 1, dataCenters: { dc1: 3 } });
  assert.deepEqual(c.elasticsearch.nodes, ['http://es1:9200']);
  assert.equal(c.elasticsearch.bulkSize, 500);
  assert.throws(() => loadConfig({ env: { CARBYNE_CASSANDRA_KEYSPACE: 'no-dashes' } }), /cassandra\.keyspace/);
  assert.throws(() => loadConfig({ env: { CARBYNE_CASSANDRA_CONSISTENCY_WRITE: 'most' } }), /cassandra\.consistency\.write/);
  assert.throws(() => loadConfig({ env: { CARBYNE_CASSANDRA_REPLICATION_CLASS: 'NetworkTopologyStrategy' } }), /dataCenters/);
});

test('shared-store needs a store the nodes share: a shared LMDB environment, or Cassandra with several writers', () => {
  const nodes = [
    { name: 'a', url: 'http://127.0.0.1:1', carbon: '127.0.0.1:2' },
    { name: 'b', url: 'http://127.0.0.1:3', carbon: '127.0.0.1:4' },
  ];
  const cluster = { self: 'a', nodes, topology: 'shared-store' };
  assert.throws(() => loadConfig({ env: {}, overrides: { cluster } }), /cluster\.topology: .*needs a store the nodes share/);
  assert.equal(loadConfig({ env: {}, overrides: { cluster, store: { writer: 'a', lmdb: { path: '/x', shared: true } } } }).cluster.topology, 'shared-store');
  assert.equal(loadConfig({ env: {}, overrides: { cluster, store: { backend: 'cassandra' } } }).cluster.topology, 'shared-store');
  assert.throws(() => loadConfig({ env: {}, overrides: { cluster, store: { backend: 'cassandra' }, cassandra: { singleWriter: true } } }), /cluster\.topology/);
});

test('docs/configuration.md names every configuration key', async () => {
  const { readFileSync } = await import('node:fs');
  const { configKeys } = await import('../../src/config/load.js');
  const doc = readFileSync('docs/configuration.md', 'utf8');
  const undocumented = configKeys().map((k) => k.path.join('.')).filter((key) => !doc.includes(`\`${key}\``));
  assert.deepEqual(undocumented, []);
});
