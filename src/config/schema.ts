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

const cassandra = z.strictObject({
  contactPoints: z.array(z.string()).default(['127.0.0.1:9042']),
  localDataCenter: z.string().default('datacenter1'),
  keyspace: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'a CQL identifier').default('carbyne'),
  replicationFactor: z.number().int().min(1).default(1),
  username: z.string().optional(),
  password: z.string().optional(),
});

const elasticsearch = z.strictObject({
  node: z.string().url().default('http://127.0.0.1:9200'),
  indexPrefix: z.string().default('carbyne'),
  username: z.string().optional(),
  password: z.string().optional(),
});

export const configSchema = z.strictObject({
  /** where the embedded store and the write-ahead log live */
  dataDir: z.string().min(1).default('./data'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  http: z.strictObject({ listen: listenAddress.default('0.0.0.0:8080') }).prefault({}),
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
    .object({
      backend: z.enum(['lmdb', 'cassandra']).default('lmdb'),
      cassandra: cassandra.prefault({}),
    })
    .prefault({}),
  index: z
    .object({
      backend: z.enum(['lmdb', 'elasticsearch', 'cassandra']).default('lmdb'),
      elasticsearch: elasticsearch.prefault({}),
      cassandra: cassandra.prefault({}),
    })
    .prefault({}),

  /** memory bounds of the hot cache; when reached, the oldest chunks are flushed early */
  memory: z
    .object({
      maxSeries: z.number().int().positive().default(5_000_000),
      maxHotBytes: z.number().int().positive().default(2 * 1024 ** 3),
    })
    .prefault({}),

  wal: z
    .object({
      /** fsync the log this often; 0 = on every write (slow, survives power loss) */
      fsyncIntervalMs: z.number().int().min(0).default(1000),
      segmentBytes: z.number().int().min(64 * 1024).default(64 * 1024 ** 2),
    })
    .prefault({}),

  /** how often closed chunks are persisted and expired data removed */
  flush: z
    .object({
      intervalMs: z.number().int().positive().default(10_000),
      expireIntervalMs: z.number().int().positive().default(600_000),
    })
    .prefault({}),

  limits: z
    .object({
      find: z
        .object({
          maxNodes: z.number().int().positive().default(100_000),
          timeoutMs: z.number().int().positive().default(10_000),
        })
        .prefault({}),
      render: z
        .object({
          maxSeries: z.number().int().positive().default(10_000),
          maxPoints: z.number().int().positive().default(50_000_000),
          timeoutMs: z.number().int().positive().default(30_000),
        })
        .prefault({}),
      ingest: z
        .object({
          /** longest carbon line accepted, bytes */
          maxLineBytes: z.number().int().positive().default(8192),
          /** largest pickle frame accepted, bytes (carbon's MAX_LENGTH is 1 MiB) */
          maxPickleFrameBytes: z.number().int().positive().default(1024 * 1024),
          maxHttpBodyBytes: z.number().int().positive().default(64 * 1024 * 1024),
        })
        .prefault({}),
    })
    .prefault({}),

  selfMetrics: z
    .object({
      enabled: z.boolean().default(true),
      /** default `carbyne.<hostname>.` */
      prefix: z.string().optional(),
      intervalSeconds: z.number().int().positive().default(60),
    })
    .prefault({}),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type RetentionRuleConfig = z.infer<typeof retentionRule>;
export type AggregationRuleConfig = z.infer<typeof aggregationRule>;
