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

/** Cassandra (chunks) and Elasticsearch (index) come with their own issues; until then only the embedded store exists. */
const embeddedOnly = (what: string) =>
  z.literal('lmdb', { error: `only "lmdb" is available for ${what} in this version (Cassandra and Elasticsearch backends are not built yet)` }).default('lmdb');

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
      backend: embeddedOnly('store.backend'),
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
  index: z.strictObject({ backend: embeddedOnly('index.backend') }).prefault({}),

  /** memory bounds of the hot cache; when reached, the oldest chunks are flushed early */
  memory: z
    .strictObject({
      maxSeries: z.number().int().positive().default(5_000_000),
      maxHotBytes: z.number().int().positive().default(2 * 1024 ** 3),
      /** stored chunks kept decoded for reads (0 turns the cache off) */
      decodedChunkCacheBytes: z.number().int().min(0).default(256 * 1024 ** 2),
      /** series with nothing hot kept in memory for their next write or read (the registry has them all) */
      seriesCacheSize: z.number().int().min(0).default(1_000_000),
    })
    .prefault({}),

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
    })
    .prefault({}),

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
}).refine((c) => c.cluster.topology !== 'shared-store' || c.cluster.nodes.length === 0 || c.store.lmdb.shared, {
  message: 'cluster.topology shared-store needs a store the nodes share (store.lmdb.shared with a store.writer per node)',
  path: ['cluster', 'topology'],
});

export type Config = z.infer<typeof configSchema>;
export type ClusterConfig = Config['cluster'];
export type ClusterNodeConfig = ClusterConfig['nodes'][number];
export type ConfigInput = z.input<typeof configSchema>;
export type RetentionRuleConfig = z.infer<typeof retentionRule>;
export type AggregationRuleConfig = z.infer<typeof aggregationRule>;
