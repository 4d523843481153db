import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { BackendHealth } from '../lib/backend-monitor.js';
import type { Logger } from '../lib/logger.js';
import type { Stats } from '../lib/stats.js';
import type { Clock } from '../lib/clock.js';
import type { MetricIndex } from '../finders/metric-index.js';
import type { TagIndex } from '../finders/tag-index.js';
import { LmdbMetricIndex } from '../finders/lmdb/lmdb-metric-index.js';
import type { ChunkStore, SeriesRegistry } from '../stores/chunk-store.js';
import { LmdbChunkStore } from '../stores/lmdb/chunk-store.js';
import { openLmdbAt, type LmdbEnvironment } from '../stores/lmdb/environment.js';
import { LmdbSeriesRegistry } from '../stores/lmdb/series-registry.js';
import type { CassandraSession, CassandraOptions } from '../stores/cassandra/session.js';
import { CassandraChunkStore } from '../stores/cassandra/chunk-store.js';
import { CassandraSeriesRegistry } from '../stores/cassandra/series-registry.js';
import { applySchema, checkSchema, SchemaMissingError, schemaStatements, type SchemaParts } from '../stores/cassandra/schema.js';
import { CassandraMetricIndex } from '../finders/cassandra/cassandra-metric-index.js';
import { ElasticsearchIndex } from '../finders/elasticsearch/elasticsearch-index.js';
import type { ElasticsearchConnection } from '../finders/elasticsearch/connection.js';
import { applyIndexTemplate, checkIndex, IndexMissingError, indexTemplateBody } from '../finders/elasticsearch/mappings.js';
import type { EventStore } from '../events/event-store.js';
import { LmdbEventStore } from '../events/lmdb/lmdb-event-store.js';

/** The storage and index backends one carbyne process runs on. */
export interface Backends {
  readonly store: ChunkStore;
  readonly registry: SeriesRegistry;
  readonly index: MetricIndex;
  readonly tagIndex: TagIndex;
  /** this process' name among the store's writers ('' when it is the only one) */
  readonly writer: string;
  /** the state of each remote backend (none for the embedded one): /health shows them */
  health(): BackendHealth[];
  /** graphite-web's events (annotations) */
  readonly events: EventStore;
  /**
   * The index holds the series of every process sharing the store (a shared Elasticsearch
   * index), not only this one's: a cluster node then finds from it alone.
   */
  readonly indexIsShared: boolean;
  /** Closes what was opened, the index first and the connections last. */
  close(): Promise<void>;
}

export interface BackendDeps {
  readonly logger: Logger;
  readonly stats: Stats;
  /** the engine's clock: a chunk's TTL is its retention counted from its window's end */
  readonly clock?: Clock;
}

type Closer = () => Promise<unknown>;

// The drivers are loaded only when a configuration names their backend: loading the
// Elasticsearch client alone costs a start on the embedded store about 0.3 s of CPU.
async function connectCassandra(config: Config, deps: BackendDeps): Promise<CassandraSession> {
  const { CassandraSession } = await import('../stores/cassandra/session.js');
  return CassandraSession.connect(cassandraOptions(config), deps);
}

async function elasticsearchConnection(config: Config, deps: BackendDeps): Promise<ElasticsearchConnection> {
  const { ElasticsearchConnection } = await import('../finders/elasticsearch/connection.js');
  return new ElasticsearchConnection(config.elasticsearch, deps);
}

/**
 * The one place that names the backends: everything else sees the ChunkStore, SeriesRegistry,
 * MetricIndex, TagIndex and EventStore interfaces. The store (chunks and series registry) is the embedded
 * LMDB environment (`<dataDir>/lmdb` or `store.lmdb.path`) or Cassandra; the index is embedded
 * (in the LMDB environment, or `<dataDir>/lmdb-index` beside a shared or remote store),
 * Elasticsearch, or Cassandra; the events live in the LMDB environment of the store, or beside
 * a remote one in `<dataDir>/lmdb-index`. Remote backends are checked at start: a missing schema stops
 * start-up naming what is missing.
 */
export async function openBackends(config: Config, deps: BackendDeps): Promise<Backends> {
  const closers: Closer[] = [];
  const close = async () => {
    // in reverse: users before what they use
    for (const c of closers.splice(0).reverse()) await c().catch((err) => deps.logger.error({ err }, 'closing a backend failed'));
  };
  try {
    return await open(config, deps, closers, close);
  } catch (err) {
    await close();
    throw err;
  }
}

async function open(config: Config, deps: BackendDeps, closers: Closer[], close: () => Promise<void>): Promise<Backends> {
  const monitors: Array<() => BackendHealth> = [];
  const needsCassandra = config.store.backend === 'cassandra' || config.index.backend === 'cassandra';
  let cassandra: CassandraSession | undefined;
  if (needsCassandra) {
    cassandra = await connectCassandra(config, deps);
    const session = cassandra;
    closers.push(() => session.close());
    monitors.push(() => session.health());
    await checkSchema(cassandra, cassandraParts(config));
  }

  let lmdb: LmdbEnvironment | undefined;
  const lmdbEnv = (path: string) => {
    const env = openLmdbAt(path);
    closers.push(() => env.close());
    return env;
  };

  let own: LmdbEnvironment | undefined;
  const ownEnv = () => (own ??= lmdbEnv(join(config.dataDir, 'lmdb-index')));

  let store: ChunkStore;
  let registry: SeriesRegistry & { close(): Promise<void> };
  let writer = config.store.writer;
  if (config.store.backend === 'cassandra') {
    const singleWriter = config.cassandra.singleWriter;
    // several processes share a keyspace: each needs a name among its writers; a shared-store
    // node's own name tells it apart from another node on the same host, which its host name would not
    if (writer === '' && !singleWriter) writer = config.cluster.topology === 'shared-store' && config.cluster.self !== '' ? config.cluster.self : hostname();
    const clock = deps.clock;
    store = new CassandraChunkStore(cassandra!, {
      bucketPoints: config.cassandra.bucketPoints,
      singleWriter,
      nowSeconds: clock ? () => clock.nowSeconds() : () => Math.floor(Date.now() / 1000),
    });
    registry = new CassandraSeriesRegistry(cassandra!);
  } else {
    lmdb = lmdbEnv(config.store.lmdb.path ?? join(config.dataDir, 'lmdb'));
    store = LmdbChunkStore.open(lmdb, { shared: config.store.lmdb.shared });
    registry = LmdbSeriesRegistry.open(lmdb);
  }
  const storeOwned = store;
  const registryOwned: { close(): Promise<void> } = registry;
  closers.push(() => registryOwned.close());
  closers.push(() => storeOwned.close());

  let index: MetricIndex;
  let tagIndex: TagIndex;
  if (config.index.backend === 'elasticsearch') {
    const connection = await elasticsearchConnection(config, deps);
    closers.push(() => connection.close());
    monitors.push(() => connection.health());
    await checkIndex(connection);
    const es = new ElasticsearchIndex(connection, { logger: deps.logger, stats: deps.stats });
    index = es;
    tagIndex = es;
  } else if (config.index.backend === 'cassandra') {
    const c = new CassandraMetricIndex(cassandra!, { logger: deps.logger, stats: deps.stats });
    index = c;
    tagIndex = c;
  } else {
    // the embedded index keeps its tree in this process' memory and journals its own changes:
    // beside a shared or remote store it lives in the process' own data directory
    const indexEnv = lmdb !== undefined && !config.store.lmdb.shared ? lmdb : ownEnv();
    const embedded = LmdbMetricIndex.open(indexEnv, { logger: deps.logger, stats: deps.stats });
    index = embedded;
    tagIndex = embedded;
  }
  const indexOwned = index;
  closers.push(() => indexOwned.close());
  // with a shared LMDB store every process sees the same events; beside a remote store, this process' own
  const events = LmdbEventStore.open(lmdb ?? ownEnv());
  closers.push(() => events.close());

  return {
    store,
    registry,
    index,
    tagIndex,
    writer,
    events,
    // a remote index is every process' (one Elasticsearch index, one keyspace); the embedded one this process' own
    indexIsShared: config.index.backend !== 'lmdb',
    health: () => monitors.map((m) => m()),
    close,
  };
}

/** The tables `carbyne schema cassandra` is about, for this configuration. */
function cassandraParts(config: Config): SchemaParts {
  return { store: config.store.backend === 'cassandra', index: config.index.backend === 'cassandra' };
}

function cassandraOptions(config: Config): CassandraOptions {
  return config.cassandra;
}

/** Whether `err` is start-up's schema check naming what the Cassandra schema or the Elasticsearch index lacks. */
export function isMissingSchema(err: unknown): boolean {
  return err instanceof SchemaMissingError || err instanceof IndexMissingError;
}

/** `carbyne schema cassandra`: the CQL of the keyspace and of the tables this configuration uses (all when it uses none). */
export function cassandraSchemaText(config: Config): string {
  const parts = cassandraParts(config);
  const all = !parts.store && !parts.index ? { store: true, index: true } : parts;
  return `${schemaStatements(config.cassandra.keyspace, config.cassandra.replication, all).join(';\n\n')};\n`;
}

/** `carbyne schema cassandra --apply`: creates what is missing (every statement is IF NOT EXISTS). */
export async function applyCassandraSchema(config: Config, deps: BackendDeps): Promise<void> {
  const parts = cassandraParts(config);
  const session = await connectCassandra(config, deps);
  try {
    await applySchema(session, config.cassandra.replication, !parts.store && !parts.index ? { store: true, index: true } : parts);
  } finally {
    await session.close();
  }
}

/** `carbyne schema elasticsearch`: the index template's body, as JSON. */
export function elasticsearchSchemaText(config: Config): string {
  return `${JSON.stringify(indexTemplateBody(config.elasticsearch), null, 2)}\n`;
}

/** `carbyne schema elasticsearch --apply`: puts the template and creates the index when missing. */
export async function applyElasticsearchSchema(config: Config, deps: BackendDeps): Promise<void> {
  const connection = await elasticsearchConnection(config, deps);
  try {
    await applyIndexTemplate(connection);
  } finally {
    await connection.close();
  }
}
