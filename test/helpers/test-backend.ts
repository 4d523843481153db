// The store and index backends the storage, engine, index, find and render suites run on:
// the embedded LMDB environment by default, or Cassandra (chunks, registry, and the index) or
// Cassandra with Elasticsearch (the index) when CARBYNE_TEST_BACKEND says so. The same suites
// run on each (.ci/run runs them a second and a third time); the Cassandra and Elasticsearch are
// the test servers of test/servers/, or real clusters when CARBYNE_TEST_CASSANDRA and
// CARBYNE_TEST_ELASTICSEARCH name them (docs/test-servers.md).

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import cassandra from 'cassandra-driver';
import { Client } from '@elastic/elasticsearch';
import { applyCassandraSchema, applyElasticsearchSchema } from '../../src/app/backends.js';
import { envName, validateConfig } from '../../src/config/load.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Stats } from '../../src/lib/stats.js';
import { cqlTarget, type CqlTarget, type CqlTestServer } from '../servers/cql/index.js';
import { esTarget, type EsTarget, type EsTestServer } from '../servers/elasticsearch/index.js';

export const BACKEND_KINDS = ['lmdb', 'cassandra', 'cassandra+elasticsearch'] as const;
export type BackendKind = (typeof BACKEND_KINDS)[number];

/** The backend the suites run on: CARBYNE_TEST_BACKEND (`lmdb` when unset). */
export function backendKind(): BackendKind {
  const kind = process.env.CARBYNE_TEST_BACKEND ?? 'lmdb';
  if (!(BACKEND_KINDS as readonly string[]).includes(kind)) throw new Error(`CARBYNE_TEST_BACKEND must be one of ${BACKEND_KINDS.join(', ')}, not ${kind}`);
  return kind as BackendKind;
}

/** A running backend: its configuration keys, and the test servers' controls (null on a real cluster). */
export interface TestBackend {
  readonly kind: BackendKind;
  readonly config: ConfigInput;
  readonly cql: CqlTestServer | null;
  readonly es: EsTestServer | null;
}

interface Running extends TestBackend {
  release(): Promise<void>;
}

const FILE = '.test-backend.json';
const running = new Map<string, Running>();

/** A test file's process starts backends; a child process it spawns (a server, a writer) only joins one. */
const IN_TEST_FILE = process.argv[1]?.endsWith('.test.ts') ?? false;

// every backend this process started goes when the file's tests are over
if (IN_TEST_FILE && process.env.NODE_TEST_CONTEXT) after(() => releaseAllTestBackends());

/**
 * The configuration keys (`store`, `index`, `cassandra`, `elasticsearch`) of the backend of
 * `key`: a data directory, or a store several processes share. The first call for a key starts
 * the backend (test servers, a keyspace and an index of their own, the schema applied) and
 * writes where it is into `<key>/.test-backend.json`, so child processes given the same key use
 * it too. Empty for LMDB.
 */
export async function testBackendConfig(key: string, kind = backendKind()): Promise<ConfigInput> {
  return (await testBackend(key, kind)).config;
}

export async function testBackend(key: string, kind = backendKind()): Promise<TestBackend> {
  const mine = running.get(key);
  if (mine) return mine;
  if (kind === 'lmdb') return { kind, config: {}, cql: null, es: null };
  const file = join(key, FILE);
  if (existsSync(file)) return { kind, config: JSON.parse(readFileSync(file, 'utf8')) as ConfigInput, cql: null, es: null };
  if (!IN_TEST_FILE) throw new Error(`no test backend for ${key}: the test must start it (testBackend) before spawning this process`);
  const started = await startBackend(kind);
  running.set(key, started);
  mkdirSync(key, { recursive: true });
  writeFileSync(file, JSON.stringify(started.config));
  return started;
}

/**
 * The backend of `key` as CARBYNE_* environment variables, for a `carbyne serve` child process
 * (configuration keys map to variables automatically, src/config/load.ts).
 */
export async function testBackendEnv(key: string): Promise<Record<string, string>> {
  return configEnv(await testBackendConfig(key));
}

/** Configuration keys as the CARBYNE_* environment variables that set them. */
export function configEnv(config: ConfigInput): Record<string, string> {
  const env: Record<string, string> = {};
  const walk = (value: unknown, path: string[]) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    } else env[envName(path)] = typeof value === 'string' ? value : JSON.stringify(value);
  };
  walk(config, []);
  return env;
}

/** Stops the backend this process started for `key` (on a real cluster: drops its keyspace and indices). */
export async function releaseTestBackend(key: string): Promise<void> {
  const r = running.get(key);
  running.delete(key);
  await r?.release();
}

export async function releaseAllTestBackends(): Promise<void> {
  const all = [...running.values()];
  running.clear();
  await Promise.allSettled(all.map((r) => r.release()));
}

async function startBackend(kind: Exclude<BackendKind, 'lmdb'>): Promise<Running> {
  const suffix = randomBytes(5).toString('hex');
  const cql = await cqlTarget();
  let es: EsTarget | null = null;
  try {
    const options = cql.clientOptions();
    const config: ConfigInput = {
      store: { backend: 'cassandra' },
      index: { backend: kind === 'cassandra' ? 'cassandra' : 'elasticsearch' },
      cassandra: {
        contactPoints: options.contactPoints,
        port: options.protocolOptions.port,
        localDataCenter: options.localDataCenter,
        keyspace: `carbyne_test_${suffix}`,
      },
    };
    if (kind === 'cassandra+elasticsearch') {
      es = await esTarget();
      config.elasticsearch = { nodes: [es.node], index: `carbyne-test-${suffix}`, replicas: 0 };
    }
    const validated = validateConfig({ ...config, dataDir: '.' });
    const deps = { logger: silentLogger, stats: new Stats() };
    // the store's tables and the index's: `carbyne schema cassandra --apply` and `elasticsearch --apply`
    await applyCassandraSchema(validated, deps);
    if (es) await applyElasticsearchSchema(validated, deps);
    const esTargetStarted = es;
    return {
      kind,
      config,
      cql: cql.server,
      es: es?.server ?? null,
      release: async () => {
        if (cql.server === null) await dropKeyspace(cql, validated.cassandra.keyspace);
        if (esTargetStarted && esTargetStarted.server === null) await deleteIndices(esTargetStarted, validated.elasticsearch.index);
        await cql.close();
        await esTargetStarted?.close();
      },
    };
  } catch (err) {
    await cql.close();
    await es?.close();
    throw err;
  }
}

async function dropKeyspace(target: CqlTarget, keyspace: string): Promise<void> {
  const client = new cassandra.Client(target.clientOptions());
  try {
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  } finally {
    await client.shutdown();
  }
}

async function deleteIndices(target: EsTarget, index: string): Promise<void> {
  const client = new Client({ node: target.node });
  try {
    await client.indices.delete({ index: `${index}*` }, { ignore: [404] });
    await client.indices.deleteIndexTemplate({ name: index }, { ignore: [404] });
  } finally {
    await client.close();
  }
}
