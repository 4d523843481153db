import { z } from 'zod';
import { AGGREGATION_METHODS } from '../series/types.js';

/** host:port, with host optional (":2003" listens on every interface). */
const listenAddress = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[^:\s]*):\d{1,5}$/, 'expected HOST:PORT, e.g. 0.0.0.0:8080')
  .refine((s) => Number(s.slice(s.lastIndexOf(':') + 1)) <= 65535, 'port must be 0-65535');

const listener = (defaultAddress: string) =>
  z.strictObject({
    enabled: z.boolean().default(true),
    listen: listenAddress.default(defaultAddress),
  });

const retentionRule = z.strictObject({
  name: z.string().default(''),
  /** a regular expression matched against the metric name (carbon's `pattern =`) */
  pattern: z.string(),
  /** carbon's syntax: `10s:7d,1m:30d,10m:1y` or `60:1440` */
  retentions: z.string(),
});

const aggregationRule = z.strictObject({
  name: z.string().default(''),
  pattern: z.string(),
  method: z.enum(AGGREGATION_METHODS).optional(),
  xFilesFactor: z.number().min(0).max(1).optional(),
});

/** Cassandra's consistency levels, by the names cassandra-driver gives them. */
export const CONSISTENCY_LEVELS = ['any', 'one', 'two', 'three', 'quorum', 'all', 'localQuorum', 'eachQuorum', 'localOne'] as const;

/**
 * The Cassandra cluster: the chunk store and series registry (`store.backend: cassandra`) and,
 * as an option, the metric index (`index.backend: cassandra`) share this connection and keyspace.
 */
const cassandraSection = z.strictObject({
  /** hosts of the local data center the driver starts from (it finds the rest of the ring itself) */
  contactPoints: z.array(z.string().min(1)).min(1).default(['127.0.0.1']),
  port: z.number().int().min(1).max(65535).default(9042),
  /** the data center this process is in: requests go to its replicas first (DC-aware, token-aware balancing) */
  localDataCenter: z.string().min(1).default('datacenter1'),
  keyspace: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,47}$/, 'a CQL name: a letter, then letters, digits or _ (at most 48)').default('carbyne'),
  /**
   * the keyspace's replication, used by `carbyne schema cassandra` only: SimpleStrategy with
   * `replicationFactor`, or NetworkTopologyStrategy with a factor per data center
   */
  replication: z
    .strictObject({
      class: z.enum(['SimpleStrategy', 'NetworkTopologyStrategy']).default('SimpleStrategy'),
      replicationFactor: z.number().int().min(1).default(1),
      /** NetworkTopologyStrategy: data center -> replicas */
      dataCenters: z.record(z.string(), z.number().int().min(1)).default({}),
    })
    .prefault({})
    .refine((r) => r.class !== 'NetworkTopologyStrategy' || Object.keys(r.dataCenters).length > 0, {
      message: 'NetworkTopologyStrategy needs dataCenters: { <data center>: <replicas> }',
      path: ['dataCenters'],
    }),
  username: z.string().optional(),
  password: z.string().optional(),
  consistency: z
    .strictObject({
      read: z.enum(CONSISTENCY_LEVELS).default('localQuorum'),
      write: z.enum(CONSISTENCY_LEVELS).default('localQuorum'),
    })
    .prefault({}),
  /** a request not answered by a node within this is tried on the next node (or fails) */
  requestTimeoutMs: z.number().int().positive().default(5000),
  connectTimeoutMs: z.number().int().positive().default(5000),
  /** times a failed request is tried again (timeouts, unavailable, overloaded: every statement is idempotent) */
  retries: z.number().int().min(0).max(10).default(2),
  /** requests this process has in flight at once; more wait their turn */
  maxRequestsInFlight: z.number().int().positive().default(512),
  /** connections to each host of the local data center */
  connectionsPerHost: z.number().int().positive().max(64).default(2),
  /** rows per page of a read */
  pageSize: z.number().int().positive().max(100_000).default(5000),
  /**
   * only this process writes to the keyspace: a flush may then skip reading back windows it
   * knows are new (with several writers every flush reads the window it rewrites)
   */
  singleWriter: z.boolean().default(false),
  /**
   * points of a series' resolution one chunk partition spans: a partition holds
   * (resolution x bucketPoints) seconds, 30 days at 10 s by default (docs/backends.md). Part of
   * the data layout: changing it later hides what was written before.
   */
  bucketPoints: z.number().int().min(1000).default(259_200),
});

/** The Elasticsearch cluster of the metric and tag index (`index.backend: elasticsearch`). */
const elasticsearchSection = z.strictObject({
  nodes: z.array(z.string().url()).min(1).default(['http://127.0.0.1:9200']),
  /** the index of the tree's nodes and series; the template covers `<index>*` */
  index: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,200}$/, 'an Elasticsearch index name: lower case, digits, _ . -').default('carbyne-metrics'),
  username: z.string().optional(),
  password: z.string().optional(),
  apiKey: z.string().optional(),
  requestTimeoutMs: z.number().int().positive().default(10_000),
  /** the client tries a request again this many times on a connection error or a 502/503/504 */
  maxRetries: z.number().int().min(0).max(10).default(2),
  /** documents per bulk request of a registration */
  bulkSize: z.number().int().positive().max(50_000).default(1000),
  /** bulk requests in flight at once */
  bulkConcurrency: z.number().int().positive().max(64).default(2),
  /** searches in flight at once (a find with many lookups, tag queries) */
  maxRequestsInFlight: z.number().int().positive().default(64),
  /** hits per page of a search */
  pageSize: z.number().int().positive().max(10_000).default(1000),
  /**
   * a registration answers once its series are searchable (`wait_for`: the next refresh, about
   * a second), or at once (`false`: a find may miss a new series for up to a second)
   */
  refresh: z.enum(['wait_for', 'false']).default('wait_for'),
  /** settings of the index template, used by `carbyne schema elasticsearch` */
  shards: z.number().int().positive().default(1),
  replicas: z.number().int().min(0).default(1),
});

/** The relay's consistent hashes: carbon-c-relay's carbon_ch, fnv1a_ch and jump_fnv1a_ch. */
export const CLUSTER_HASHES = ['carbon_ch', 'fnv1a_ch', 'jump_fnv1a_ch'] as const;
export const CLUSTER_TOPOLOGIES = ['shared-nothing', 'shared-store'] as const;

const clusterNode = z.strictObject({
  /** the relay's instance name for the node (`host:port=NAME` in carbon-c-relay's config) */
  name: z.string().regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').max(200),
  /** its HTTP address, e.g. http://10.0.0.1:8080 */
  url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
  /** the host:port the relay sends its points to (carbon's hashes use the host as written here) */
  carbon: listenAddress,
});

const clusterSchema = z
  .strictObject({
    /** this node's name among `nodes` */
    self: z.string().default(''),
    nodes: z.array(clusterNode).default([]),
    hash: z.enum(CLUSTER_HASHES).default('carbon_ch'),
    /** how many nodes hold each series (the relay's replication) */
    replicas: z.number().int().min(1).default(1),
    topology: z.enum(CLUSTER_TOPOLOGIES).default('shared-nothing'),
    /** points a node does not own go on to their owners */
    forward: z.boolean().default(true),
    /** a read missing the answer of every owner of some series fails with 503 instead of answering what it has */
    strictReads: z.boolean().default(false),
    /** time limit of one call to another node (a request's own time limit may cut it shorter) */
    timeoutMs: z.number().int().positive().default(10_000),
    /** how often each node checks that the others answer */
    probeIntervalMs: z.number().int().positive().default(2_000),
    /** points held in memory for an owner that does not answer; beyond, the oldest are dropped (replicas and repair have them) */
    forwardQueuePoints: z.number().int().positive().default(1_000_000),
  })
  .prefault({})
  .superRefine((c, ctx) => {
    if (c.nodes.length === 0) {
      if (c.self !== '') ctx.addIssue({ code: 'custom', path: ['nodes'], message: 'cluster.self is set but cluster.nodes is empty' });
      return;
    }
    const names = new Set<string>();
    c.nodes.forEach((n, i) => {
      if (names.has(n.name)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'name'], message: `node name "${n.name}" is given twice` });
      names.add(n.name);
    });
    if (!names.has(c.self)) ctx.addIssue({ code: 'custom', path: ['self'], message: `cluster.self must be one of the names in cluster.nodes (${[...names].join(', ')})` });
    if (c.replicas > c.nodes.length) ctx.addIssue({ code: 'custom', path: ['replicas'], message: `cluster.replicas (${c.replicas}) is more than the ${c.nodes.length} nodes` });
  });

export const configSchema = z.strictObject({
  /** where the embedded store and the write-ahead log live */
  dataDir: z.string().min(1).default('./data'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  http: z
    .strictObject({
      listen: listenAddress.default('0.0.0.0:8080'),
      /** one log line per answered request, at info (so seen with logLevel info or lower) */
      requestLog: z.boolean().default(true),
      /** gzip of answers for clients that accept it, as graphite-web's GZipMiddleware does */
      compression: z
        .strictObject({
          enabled: z.boolean().default(true),
          /** answers smaller than this many bytes go uncompressed */
          threshold: z.number().int().min(0).default(1024),
          /** zlib level, 1 (fastest) to 9 (smallest) */
          level: z.number().int().min(1).max(9).default(1),
        })
        .prefault({}),
      /** cross-origin requests, for Grafana's Graphite datasource in browser (direct) mode */
      cors: z
        .strictObject({
          /** origins allowed (`https://grafana.example.com`), or `*` for any; none: no CORS headers */
          origins: z.array(z.string().min(1)).default([]),
          /** let the browser send cookies and Authorization (then `*` answers with the request's origin) */
          credentials: z.boolean().default(false),
        })
        .prefault({}),
    })
    .prefault({}),
  /** carbon plaintext, TCP and UDP on the same address */
  carbon: listener('0.0.0.0:2003').extend({ udp: z.boolean().default(true) }).prefault({}),
  pickle: listener('0.0.0.0:2004').prefault({}),

  /** path of carbon's storage-schemas.conf; its rules come before the inline ones */
  storageSchemas: z.string().optional(),
  /** path of carbon's storage-aggregation.conf; its rules come before the inline ones */
  storageAggregation: z.string().optional(),
  retentions: z.array(retentionRule).default([]),
  aggregations: z.array(aggregationRule).default([]),

  store: z
    .strictObject({
      /** where chunks and the series registry live: the embedded LMDB environment, or Cassandra (`cassandra`) */
      backend: z.enum(['lmdb', 'cassandra']).default('lmdb'),
      /**
       * this process' name among the writers of a store several carbyne processes share; its
       * chunks are kept apart from theirs. Empty: the store has this one writer.
       */
      writer: z.string().regex(/^[\x21-\x7e]*$/, 'printable ASCII without spaces').max(200).default(''),
      lmdb: z
        .strictObject({
          /** the LMDB environment of chunks, the series registry and the index; default `<dataDir>/lmdb` */
          path: z.string().min(1).optional(),
          /** other carbyne processes write to the same environment (each with its own dataDir and `store.writer`) */
          shared: z.boolean().default(false),
        })
        .prefault({}),
    })
    .prefault({})
    .refine((s) => !s.lmdb.shared || s.writer !== '', { message: 'store.writer must name this process when store.lmdb.shared is true', path: ['writer'] }),
  /** where the metric and tag index lives: embedded (`lmdb`), `elasticsearch`, or `cassandra` (beside the store's keyspace) */
  index: z.strictObject({ backend: z.enum(['lmdb', 'elasticsearch', 'cassandra']).default('lmdb') }).prefault({}),
  cassandra: cassandraSection.prefault({}),
  elasticsearch: elasticsearchSection.prefault({}),

  /** memory bounds of the hot cache; when reached, the oldest chunks are flushed early */
  memory: z
    .strictObject({
      maxSeries: z.number().int().positive().default(5_000_000),
      maxHotBytes: z.number().int().positive().default(2 * 1024 ** 3),
      /** stored chunks kept decoded for reads (0 turns the cache off) */
      decodedChunkCacheBytes: z.number().int().min(0).default(256 * 1024 ** 2),
      /** series with nothing hot kept in memory for their next write or read (the registry has them all) */
      seriesCacheSize: z.number().int().min(0).default(1_000_000),
      /**
       * hot bytes at which ingest pauses (TCP senders wait) until a flush makes room, as when the
       * store is down; default 1.5 x maxHotBytes
       */
      pauseIngestAtHotBytes: z.number().int().positive().optional(),
    })
    .prefault({})
    // a flush brings the hot data under maxHotBytes: a pause below it would never end
    .refine((m) => m.pauseIngestAtHotBytes === undefined || m.pauseIngestAtHotBytes > m.maxHotBytes, {
      message: 'memory.pauseIngestAtHotBytes must be above memory.maxHotBytes',
      path: ['pauseIngestAtHotBytes'],
    }),

  wal: z
    .strictObject({
      /** fsync the log this often; 0 = on every write (slow, survives power loss) */
      fsyncIntervalMs: z.number().int().min(0).default(1000),
      segmentBytes: z.number().int().min(64 * 1024).default(64 * 1024 ** 2),
      /**
       * POST /ingest answers only once its points are synced to stable storage (group commit:
       * concurrent requests share one fdatasync); otherwise once they are written to the log
       */
      syncBeforeAck: z.boolean().default(false),
      /** log bytes at which ingest pauses until flushes let the log be cut (the store down for long) */
      pauseIngestAtBytes: z.number().int().min(64 * 1024).default(8 * 1024 ** 3),
    })
    .prefault({})
    // the log is cut by whole segments and keeps the one being written: a pause must leave room for a few
    .refine((w) => w.pauseIngestAtBytes >= 4 * w.segmentBytes, {
      message: 'wal.pauseIngestAtBytes must be at least 4 x wal.segmentBytes',
      path: ['pauseIngestAtBytes'],
    }),

  /** how often closed chunks are persisted and expired data removed */
  flush: z
    .strictObject({
      intervalMs: z.number().int().positive().default(10_000),
      expireIntervalMs: z.number().int().positive().default(600_000),
      /**
       * persist every hot chunk when stopping (SIGTERM); without it (the default) stopping only
       * syncs the write-ahead log, so a stop is quick whatever is hot, and the next start replays it
       */
      onStop: z.boolean().default(false),
      /** how often series with no point for longer than their longest retention are removed (0: never) */
      deadSeriesIntervalMs: z.number().int().min(0).default(3_600_000),
    })
    .prefault({}),

  limits: z
    .strictObject({
      find: z
        .strictObject({
          maxNodes: z.number().int().positive().default(100_000),
          timeoutMs: z.number().int().positive().default(10_000),
        })
        .prefault({}),
      render: z
        .strictObject({
          maxSeries: z.number().int().positive().default(10_000),
          maxPoints: z.number().int().positive().default(50_000_000),
          timeoutMs: z.number().int().positive().default(30_000),
          maxTargets: z.number().int().positive().default(500),
          maxDepth: z.number().int().positive().default(100),
          maxReads: z.number().int().positive().default(20_000),
        })
        .prefault({}),
      /**
       * requests worked on at once, per kind, each with a short queue; past it 503 + Retry-After.
       * `find` also bounds the tag and event reads, `ingest` every write over HTTP (carbon's TCP
       * and UDP listeners are never held); `peer` bounds the reads other cluster nodes ask of
       * this one, apart from this node's own users (docs/cluster.md, "Admission").
       */
      concurrency: z
        .strictObject({
          render: admissionLimits(8, 128),
          find: admissionLimits(16, 64),
          ingest: admissionLimits(16, 64),
          peer: admissionLimits(32, 256),
          /** the Retry-After of a refusal */
          retryAfterSeconds: z.number().int().positive().default(2),
        })
        .prefault({}),
      tags: z
        .strictObject({
          /** most series one tag query may name (/tags/findSeries; seriesByTag is bounded by limits.render.maxSeries too) */
          maxSeries: z.number().int().positive().default(100_000),
          /** most tag values one request may test against regular expressions */
          maxValuesTested: z.number().int().positive().default(1_000_000),
          /** longest regular expression in a tag expression or filter */
          maxPatternLength: z.number().int().positive().default(2048),
          timeoutMs: z.number().int().positive().default(10_000),
        })
        .prefault({}),
      ingest: z
        .strictObject({
          /** longest carbon line accepted, bytes */
          maxLineBytes: z.number().int().positive().default(8192),
          /** largest pickle frame accepted, bytes (carbon's MAX_LENGTH is 1 MiB) */
          maxPickleFrameBytes: z.number().int().positive().default(1024 * 1024),
          maxHttpBodyBytes: z.number().int().positive().default(64 * 1024 * 1024),
        })
        .prefault({}),
      events: z
        .strictObject({
          /** most events one answer lists (/events/get_data, the /events/ page, events()) */
          maxResults: z.number().int().positive().default(100_000),
          /** largest POST /events/ body, bytes */
          maxBodyBytes: z.number().int().positive().default(1024 * 1024),
        })
        .prefault({}),
      import: z
        .strictObject({
          /** largest whisper file POST /import/whisper/<name> takes, bytes (it is read whole into memory) */
          maxFileBytes: z.number().int().positive().default(256 * 1024 * 1024),
        })
        .prefault({}),
    })
    .prefault({}),

  /**
   * Several carbyne nodes sharing the series (docs/cluster.md). No nodes: this process is the
   * whole store. The hash and the node names agree with the carbon relay in front.
   */
  cluster: clusterSchema,

  selfMetrics: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** default `carbyne.<hostname>.` */
      prefix: z.string().optional(),
      intervalSeconds: z.number().int().positive().default(60),
    })
    .prefault({}),
}).refine((c) => c.cluster.topology !== 'shared-store' || c.cluster.nodes.length === 0 || c.store.lmdb.shared || (c.store.backend === 'cassandra' && !c.cassandra.singleWriter), {
  message: 'cluster.topology shared-store needs a store the nodes share: store.lmdb.shared with a store.writer per node, or store.backend cassandra without cassandra.singleWriter',
  path: ['cluster', 'topology'],
});

function admissionLimits(maxInFlight: number, maxQueued: number) {
  return z
    .strictObject({
      maxInFlight: z.number().int().positive().default(maxInFlight),
      maxQueued: z.number().int().min(0).default(maxQueued),
      /** a request waiting longer for a place is refused */
      queueTimeoutMs: z.number().int().positive().default(5_000),
    })
    .prefault({});
}

export type Config = z.infer<typeof configSchema>;
export type ClusterConfig = Config['cluster'];
export type ClusterNodeConfig = ClusterConfig['nodes'][number];
export type ConfigInput = z.input<typeof configSchema>;
export type RetentionRuleConfig = z.infer<typeof retentionRule>;
export type AggregationRuleConfig = z.infer<typeof aggregationRule>;
