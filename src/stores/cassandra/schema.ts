import type { CassandraSession } from './session.js';

/** The keyspace's replication, as `carbyne schema cassandra` creates it. */
export interface Replication {
  readonly class: 'SimpleStrategy' | 'NetworkTopologyStrategy';
  readonly replicationFactor: number;
  readonly dataCenters: Readonly<Record<string, number>>;
}

/** Which groups of tables a deployment uses: the store's always, the index's with `index.backend: cassandra`. */
export interface SchemaParts {
  readonly store: boolean;
  readonly index: boolean;
}

/** One table: what its CREATE statement says and the start-up check looks for. */
export interface TableDefinition {
  readonly name: string;
  /** columns and their CQL types, as system_schema.columns reports them */
  readonly columns: Readonly<Record<string, string>>;
  readonly partitionKey: readonly string[];
  readonly clustering?: readonly string[];
  /** clustering columns in descending order (the others ascend) */
  readonly descending?: readonly string[];
  /** table options, `name = value` */
  readonly options?: readonly string[];
}

/** The table's CREATE statement (IF NOT EXISTS) in `keyspace`. */
export function tableCql(keyspace: string, t: TableDefinition): string {
  const columns = Object.entries(t.columns).map(([name, type]) => `  ${name} ${type},`);
  const clustering = t.clustering ?? [];
  const key = `  PRIMARY KEY ((${t.partitionKey.join(', ')})${clustering.map((c) => `, ${c}`).join('')})`;
  const options = [
    ...(clustering.length > 0 ? [`CLUSTERING ORDER BY (${clustering.map((c) => `${c} ${t.descending?.includes(c) ? 'DESC' : 'ASC'}`).join(', ')})`] : []),
    ...(t.options ?? []),
  ];
  const withOptions = options.length > 0 ? ` WITH ${options.join('\n  AND ')}` : '';
  return `CREATE TABLE IF NOT EXISTS ${keyspace}.${t.name} (\n${columns.join('\n')}\n${key}\n)${withOptions}`;
}

/**
 * Chunks: one row per chunk, a partition per (series, resolution, time bucket) so a partition
 * stays bounded (docs/backends.md), rows by window end then writer (several processes' chunks
 * of one window sit side by side). Every row carries its own TTL (its resolution's retention
 * counted from the window's end); TimeWindowCompactionStrategy keeps a day's chunks in the same
 * SSTables so whole files expire together, and single-SSTable tombstone compactions reclaim the
 * finer resolutions' expired rows sharing a window with longer-lived rollups.
 */
const CHUNKS: TableDefinition = {
  name: 'chunks',
  columns: { id: 'text', resolution: 'int', bucket: 'int', end_time: 'bigint', writer: 'text', start_time: 'bigint', codec: 'tinyint', version: 'bigint', data: 'blob' },
  partitionKey: ['id', 'resolution', 'bucket'],
  clustering: ['end_time', 'writer'],
  options: [
    "compaction = {'class': 'TimeWindowCompactionStrategy', 'compaction_window_unit': 'DAYS', 'compaction_window_size': '1', 'unchecked_tombstone_compaction': 'true', 'tombstone_threshold': '0.2'}",
    'default_time_to_live = 0',
    'gc_grace_seconds = 86400',
  ],
};

/** The partitions a series' chunks occupy: what delete() and reads over unbounded ranges list. */
const CHUNK_PARTITIONS: TableDefinition = {
  name: 'chunk_partitions',
  columns: { id: 'text', resolution: 'int', bucket: 'int' },
  partitionKey: ['id'],
  clustering: ['resolution', 'bucket'],
};

/** The window lengths written at each resolution: the longest bounds the ends a read looks at. */
const CHUNK_SPANS: TableDefinition = {
  name: 'chunk_spans',
  columns: { resolution: 'int', span: 'int' },
  partitionKey: ['resolution'],
  clustering: ['span'],
  descending: ['span'],
};

/** The series registry: name, tags and storage schema per series id, and the last write. */
const SERIES: TableDefinition = {
  name: 'series',
  columns: { id: 'text', name: 'text', tags: 'map<text, text>', storage_schema: 'text', last_write: 'bigint' },
  partitionKey: ['id'],
};

/**
 * Series by last write: a partition per day and shard (a day's writers spread over SHARDS
 * partitions), rows by last write then id, so the idle series are read oldest first without a
 * scan of the registry.
 */
const SERIES_ACTIVITY: TableDefinition = {
  name: 'series_activity',
  columns: { day: 'int', shard: 'int', last_write: 'bigint', id: 'text' },
  partitionKey: ['day', 'shard'],
  clustering: ['last_write', 'id'],
  options: ['gc_grace_seconds = 10800'],
};

/** The days series_activity has rows for (one small partition), where an idle scan starts. */
const SERIES_ACTIVITY_DAYS: TableDefinition = {
  name: 'series_activity_days',
  columns: { bucket: 'int', day: 'int' },
  partitionKey: ['bucket'],
  clustering: ['day'],
};

/**
 * The metric tree, in the seed's shape: every node (each prefix of every series' path) with its
 * position, whether it has data (a leaf) and whether it has children (a branch), listed under
 * its parent so a glob walks the tree level by level.
 */
const SEGMENT: TableDefinition = {
  name: 'segment',
  columns: { parent: 'text', segment: 'text', pos: 'int', has_data: 'boolean', has_children: 'boolean' },
  partitionKey: ['parent'],
  clustering: ['segment'],
};

/** Every leaf by its full path (length = its number of elements; name = a tagged series' display name). */
const PATH: TableDefinition = {
  name: 'path',
  columns: { path: 'text', length: 'int', name: 'text' },
  partitionKey: ['path'],
};

/** Tagged series by tag and value (`name` is a tag): what a tag query narrows by. */
const TAG_SERIES: TableDefinition = {
  name: 'tag_series',
  columns: { tag: 'text', value: 'text', series: 'text' },
  partitionKey: ['tag', 'value'],
  clustering: ['series'],
};

/** The values of each tag, sorted (the partition keys of tag_series, listable per tag). */
const TAG_VALUES: TableDefinition = {
  name: 'tag_values',
  columns: { tag: 'text', value: 'text' },
  partitionKey: ['tag'],
  clustering: ['value'],
};

export const STORE_TABLES: readonly TableDefinition[] = [CHUNKS, CHUNK_PARTITIONS, CHUNK_SPANS, SERIES, SERIES_ACTIVITY, SERIES_ACTIVITY_DAYS];
export const INDEX_TABLES: readonly TableDefinition[] = [SEGMENT, PATH, TAG_SERIES, TAG_VALUES];

function tablesOf(parts: SchemaParts): TableDefinition[] {
  return [...(parts.store ? STORE_TABLES : []), ...(parts.index ? INDEX_TABLES : [])];
}

export function keyspaceCql(keyspace: string, replication: Replication): string {
  const r =
    replication.class === 'SimpleStrategy'
      ? `{'class': 'SimpleStrategy', 'replication_factor': ${replication.replicationFactor}}`
      : `{'class': 'NetworkTopologyStrategy', ${Object.entries(replication.dataCenters)
          .map(([dc, n]) => `'${dc.replaceAll("'", "''")}': ${n}`)
          .join(', ')}}`;
  return `CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = ${r}`;
}

/** Every statement `carbyne schema cassandra` prints and `--apply` runs, in order. */
export function schemaStatements(keyspace: string, replication: Replication, parts: SchemaParts): string[] {
  return [keyspaceCql(keyspace, replication), ...tablesOf(parts).map((t) => tableCql(keyspace, t))];
}

/** Runs the statements (each is IF NOT EXISTS: applying twice changes nothing). */
export async function applySchema(session: CassandraSession, replication: Replication, parts: SchemaParts): Promise<void> {
  for (const statement of schemaStatements(session.keyspace, replication, parts)) await session.schema(statement);
}

/**
 * What the cluster lacks of the schema: the keyspace, tables, columns (or columns of another
 * type). Empty when everything is there. Read from the driver's view of system_schema.
 */
export async function missingSchema(session: CassandraSession, parts: SchemaParts): Promise<string[]> {
  const ks = session.keyspace;
  const metadata = session.client.metadata;
  await session.monitor.call(() => metadata.refreshKeyspace(ks));
  if (!(ks in metadata.keyspaces)) return [`keyspace ${ks}`];
  const missing: string[] = [];
  for (const table of tablesOf(parts)) {
    const found = await session.monitor.call(() => metadata.getTable(ks, table.name));
    if (!found) {
      missing.push(`table ${ks}.${table.name}`);
      continue;
    }
    for (const [column, type] of Object.entries(table.columns)) {
      const col = found.columnsByName[column];
      if (!col) missing.push(`column ${ks}.${table.name}.${column} (${type})`);
      else if (cqlTypeName(col.type) !== type) missing.push(`column ${ks}.${table.name}.${column} is ${cqlTypeName(col.type)}, expected ${type}`);
    }
  }
  return missing;
}

/** Thrown at start-up when the cluster lacks part of the schema. */
export class SchemaMissingError extends Error {
  override readonly name = 'SchemaMissingError';
  constructor(
    readonly missing: readonly string[],
    keyspace: string,
  ) {
    super(`the Cassandra schema is incomplete, missing: ${missing.join(', ')}. Print it with \`carbyne schema cassandra\`, create it with \`carbyne schema cassandra --apply\` (keyspace ${keyspace}).`);
  }
}

/** Fails with SchemaMissingError naming what is missing. */
export async function checkSchema(session: CassandraSession, parts: SchemaParts): Promise<void> {
  const missing = await missingSchema(session, parts);
  if (missing.length > 0) throw new SchemaMissingError(missing, session.keyspace);
}

/** The driver's column type as CQL writes it (`map<text, text>`). */
function cqlTypeName(type: { code: number; info?: unknown }): string {
  const names: Record<number, string> = { 0x01: 'ascii', 0x02: 'bigint', 0x03: 'blob', 0x04: 'boolean', 0x07: 'double', 0x08: 'float', 0x09: 'int', 0x0a: 'text', 0x0b: 'timestamp', 0x0d: 'text', 0x0e: 'varint', 0x13: 'smallint', 0x14: 'tinyint' };
  if (type.code === 0x21) {
    const [k, v] = type.info as Array<{ code: number }>;
    return `map<${cqlTypeName(k)}, ${cqlTypeName(v)}>`;
  }
  if (type.code === 0x20 || type.code === 0x22) return `${type.code === 0x20 ? 'list' : 'set'}<${cqlTypeName(type.info as { code: number })}>`;
  return names[type.code] ?? `type 0x${type.code.toString(16)}`;
}
