// Keyspace and table definitions: what CREATE KEYSPACE / CREATE TABLE / ALTER TABLE build and
// check, and what system_schema reports. Option names, defaults and the fully qualified class
// names follow Cassandra 4.0's (its CQL reference, "Data Definition": table options, compaction,
// replication strategies).

import { createHash } from 'node:crypto';
import type { ColumnDef, CreateTableStatement, OptionValue } from './ast.js';
import { CqlError } from './errors.js';
import { type Comparator, type CqlType, comparator, nativeType, typeName } from './types.js';

export type ColumnKind = 'partition_key' | 'clustering' | 'regular' | 'static';

export interface ColumnSchema {
  readonly name: string;
  readonly type: CqlType;
  readonly kind: ColumnKind;
  /** Position within the partition key or the clustering columns; -1 for a regular column. */
  readonly position: number;
  readonly desc: boolean;
  /** Index into a row's cells (regular columns only); -1 for key columns. */
  readonly cell: number;
}

export interface Replication {
  readonly class: string;
  readonly options: Readonly<Record<string, string>>;
}

export class KeyspaceSchema {
  readonly tables = new Map<string, TableSchema>();
  constructor(
    readonly name: string,
    public replication: Replication,
    public durableWrites: boolean,
  ) {}
}

const TABLE_DEFAULTS: Record<string, string | Record<string, string>> = {
  additional_write_policy: '99p',
  bloom_filter_fp_chance: '0.01',
  caching: { keys: 'ALL', rows_per_partition: 'NONE' },
  cdc: 'false',
  comment: '',
  compaction: {
    class: 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy',
    max_threshold: '32',
    min_threshold: '4',
  },
  compression: { chunk_length_in_kb: '16', class: 'org.apache.cassandra.io.compress.LZ4Compressor' },
  crc_check_chance: '1.0',
  default_time_to_live: '0',
  gc_grace_seconds: '864000',
  max_index_interval: '2048',
  memtable_flush_period_in_ms: '0',
  min_index_interval: '128',
  read_repair: 'BLOCKING',
  speculative_retry: '99p',
};

const COMPACTION_DEFAULTS: Record<string, Record<string, string>> = {
  TimeWindowCompactionStrategy: { compaction_window_size: '1', compaction_window_unit: 'DAYS', max_threshold: '32', min_threshold: '4' },
  SizeTieredCompactionStrategy: { max_threshold: '32', min_threshold: '4' },
  LeveledCompactionStrategy: { max_threshold: '32', min_threshold: '4' },
};

function qualify(cls: string, pkg: string): string {
  return cls.includes('.') ? cls : `${pkg}.${cls}`;
}

export class TableSchema {
  readonly columns: ColumnSchema[];
  readonly byName = new Map<string, ColumnSchema>();
  readonly partitionKey: ColumnSchema[];
  readonly clustering: ColumnSchema[];
  readonly regular: ColumnSchema[];
  /** Compares two clustering prefixes in the table's order (DESC columns reversed). */
  readonly compareClustering: (a: readonly Buffer[], b: readonly Buffer[]) => number;
  readonly clusteringComparators: Comparator[];
  readonly id: Buffer;
  options: Map<string, string | Record<string, string>>;

  constructor(
    readonly keyspace: string,
    readonly name: string,
    columns: ColumnSchema[],
    options: Map<string, string | Record<string, string>>,
  ) {
    this.partitionKey = columns.filter((c) => c.kind === 'partition_key').sort((a, b) => a.position - b.position);
    this.clustering = columns.filter((c) => c.kind === 'clustering').sort((a, b) => a.position - b.position);
    // SELECT * order: partition key, clustering, then the other columns by name
    this.regular = columns
      .filter((c) => c.kind === 'regular')
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((c, i) => ({ ...c, cell: i }));
    this.columns = [...this.partitionKey, ...this.clustering, ...this.regular];
    for (const c of this.columns) this.byName.set(c.name, c);
    this.options = options;
    this.clusteringComparators = this.clustering.map((c) => {
      const cmp = comparator(c.type);
      return c.desc ? (a: Buffer, b: Buffer) => cmp(b, a) : cmp;
    });
    const cmps = this.clusteringComparators;
    this.compareClustering = (a, b) => {
      const n = Math.min(a.length, b.length);
      for (let i = 0; i < n; i++) {
        const c = cmps[i](a[i], b[i]);
        if (c !== 0) return c;
      }
      return 0;
    };
    this.id = createHash('md5').update(`${keyspace}.${name}`).digest();
    this.id[6] = (this.id[6] & 0x0f) | 0x30;
    this.id[8] = (this.id[8] & 0x3f) | 0x80;
  }

  column(name: string): ColumnSchema {
    const c = this.byName.get(name);
    if (!c) throw CqlError.invalid(`Undefined column name ${name} in table ${this.keyspace}.${this.name}`);
    return c;
  }

  get defaultTtl(): number {
    return Number(this.options.get('default_time_to_live') ?? 0);
  }

  /** A copy with more regular columns (ALTER TABLE ADD). */
  withColumns(defs: ColumnDef[]): TableSchema {
    const cols = [...this.columns];
    for (const d of defs) {
      if (this.byName.has(d.name)) throw CqlError.invalid(`Column with name '${d.name}' already exists`);
      if (d.isStatic) throw CqlError.invalid('Static columns are not supported by the test server');
      cols.push({ name: d.name, type: parseType(d.type), kind: 'regular', position: -1, desc: false, cell: -1 });
    }
    return new TableSchema(this.keyspace, this.name, cols, this.options);
  }
}

/** Parses a CQL type as written in DDL (`text`, `frozen<list<int>>`, `map<text, bigint>`). */
export function parseType(text: string): CqlType {
  const s = text.replace(/\s+/g, '').toLowerCase();
  const [t, rest] = parseTypeAt(s, 0, false);
  if (rest !== s.length) throw CqlError.syntax(`Unknown type ${text}`);
  return t;
}

function parseTypeAt(s: string, at: number, frozen: boolean): [CqlType, number] {
  const m = /^[a-z][a-z0-9_]*/.exec(s.slice(at));
  if (!m) throw CqlError.syntax(`Unknown type at ${s.slice(at)}`);
  const name = m[0];
  let i = at + name.length;
  if (name === 'frozen') {
    if (s[i] !== '<') throw CqlError.syntax('frozen needs a type argument');
    const [inner, j] = parseTypeAt(s, i + 1, true);
    if (s[j] !== '>') throw CqlError.syntax('unclosed frozen<');
    return [inner, j + 1];
  }
  if (name === 'list' || name === 'set' || name === 'map') {
    if (s[i] !== '<') throw CqlError.syntax(`${name} needs type arguments`);
    const [a, j] = parseTypeAt(s, i + 1, true);
    if (name === 'map') {
      if (s[j] !== ',') throw CqlError.syntax('map needs two type arguments');
      const [b, k] = parseTypeAt(s, j + 1, true);
      if (s[k] !== '>') throw CqlError.syntax('unclosed map<');
      return [{ kind: 'map', key: a, value: b, frozen }, k + 1];
    }
    if (s[j] !== '>') throw CqlError.syntax(`unclosed ${name}<`);
    return [{ kind: name, elem: a, frozen }, j + 1];
  }
  const t = nativeType(name);
  if (!t) throw CqlError.invalid(`Unknown type ${name} (the test server supports ascii, bigint, blob, boolean, double, float, inet, int, smallint, text, varchar, timestamp, timeuuid, tinyint, uuid, varint and list/set/map of them)`);
  return [t, i];
}

function optionsFrom(stmtOptions: Map<string, OptionValue>, base: Map<string, string | Record<string, string>>): Map<string, string | Record<string, string>> {
  const out = new Map(base);
  for (const [name, v] of stmtOptions) {
    if (!(name in TABLE_DEFAULTS)) throw CqlError.syntax(`Unknown property '${name}'`);
    const def = TABLE_DEFAULTS[name];
    if (typeof def === 'string') {
      if (v.t !== 'scalar') throw CqlError.syntax(`Invalid value for property '${name}'`);
      if (/^(default_time_to_live|gc_grace_seconds|min_index_interval|max_index_interval|memtable_flush_period_in_ms)$/.test(name) && !/^-?\d+$/.test(v.text))
        throw CqlError.syntax(`Invalid integer value ${v.text} for '${name}'`);
      if (name === 'default_time_to_live' && (Number(v.text) < 0 || Number(v.text) > 630720000))
        throw CqlError.invalid(`default_time_to_live must be greater than or equal to 0 (got ${v.text})`);
      out.set(name, v.text);
    } else {
      if (v.t !== 'map') throw CqlError.syntax(`Invalid value for property '${name}': a map is expected`);
      const map: Record<string, string> = Object.fromEntries(v.entries);
      if (name === 'compaction') {
        if (!map.class) throw CqlError.config('Missing sub-option \'class\' for the \'compaction\' option.');
        const short = map.class.replace(/^org\.apache\.cassandra\.db\.compaction\./, '');
        map.class = qualify(map.class, 'org.apache.cassandra.db.compaction');
        Object.assign(map, { ...(COMPACTION_DEFAULTS[short] ?? {}), ...Object.fromEntries(v.entries), class: map.class });
      }
      out.set(name, Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
    }
  }
  return out;
}

export function defaultTableOptions(): Map<string, string | Record<string, string>> {
  return new Map(Object.entries(TABLE_DEFAULTS));
}

export function alterTableOptions(t: TableSchema, opts: Map<string, OptionValue>): void {
  t.options = optionsFrom(opts, t.options);
}

export function buildTable(keyspace: string, st: CreateTableStatement): TableSchema {
  const names = new Set<string>();
  for (const c of st.columns) {
    if (names.has(c.name)) throw CqlError.invalid(`Duplicate column '${c.name}' declaration for table ${keyspace}.${st.table.name}`);
    names.add(c.name);
  }
  if (st.partitionKey.length === 0) throw CqlError.invalid(`No PRIMARY KEY specifed for table '${st.table.name}' (exactly one required)`);
  const defOf = (n: string) => {
    const d = st.columns.find((c) => c.name === n);
    if (!d) throw CqlError.invalid(`Unknown definition ${n} referenced in PRIMARY KEY`);
    return d;
  };
  const order = st.clusteringOrder;
  if (order.length > 0) {
    order.forEach((o, i) => {
      if (st.clustering[i] !== o.column) {
        if (!st.clustering.includes(o.column)) throw CqlError.invalid(`Only clustering key columns can be defined in CLUSTERING ORDER directive: ${o.column} is not a clustering column`);
        throw CqlError.invalid('The order of columns in the CLUSTERING ORDER directive must be the one of the clustering key');
      }
    });
    if (order.length < st.clustering.length) throw CqlError.invalid('Missing CLUSTERING ORDER for column ' + st.clustering[order.length]);
  }
  const cols: ColumnSchema[] = [];
  st.partitionKey.forEach((n, i) => cols.push({ name: n, type: keyType(defOf(n)), kind: 'partition_key', position: i, desc: false, cell: -1 }));
  st.clustering.forEach((n, i) =>
    cols.push({ name: n, type: keyType(defOf(n)), kind: 'clustering', position: i, desc: order[i]?.desc ?? false, cell: -1 }),
  );
  for (const c of st.columns) {
    if (st.partitionKey.includes(c.name) || st.clustering.includes(c.name)) continue;
    if (c.isStatic) throw CqlError.invalid('Static columns are not supported by the test server');
    cols.push({ name: c.name, type: parseType(c.type), kind: 'regular', position: -1, desc: false, cell: -1 });
  }
  return new TableSchema(keyspace, st.table.name, cols, optionsFrom(st.options, defaultTableOptions()));
}

function keyType(d: ColumnDef): CqlType {
  const t = parseType(d.type);
  if (t.kind !== 'native') {
    if (!t.frozen) throw CqlError.invalid(`Invalid non-frozen collection type for PRIMARY KEY component ${d.name}`);
    throw CqlError.invalid(`Collections in a PRIMARY KEY are not supported by the test server (${d.name} ${typeName(t)})`);
  }
  return t;
}

export function buildReplication(opts: Map<string, OptionValue>, datacenters: readonly string[]): Replication {
  const r = opts.get('replication');
  if (!r || r.t !== 'map') throw CqlError.syntax('Missing mandatory option \'replication\'');
  for (const name of opts.keys()) if (name !== 'replication' && name !== 'durable_writes') throw CqlError.syntax(`Unknown property '${name}'`);
  const map = Object.fromEntries(r.entries);
  if (!map.class) throw CqlError.config('Missing replication strategy class');
  const cls = qualify(map.class, 'org.apache.cassandra.locator');
  const options: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) if (k !== 'class') options[k] = v;
  if (cls.endsWith('.SimpleStrategy')) {
    if (!('replication_factor' in options)) throw CqlError.config('SimpleStrategy requires a replication_factor strategy option.');
    for (const k of Object.keys(options)) if (k !== 'replication_factor') throw CqlError.config(`Unrecognized strategy option {${k}} passed to SimpleStrategy`);
  } else if (cls.endsWith('.NetworkTopologyStrategy')) {
    for (const k of Object.keys(options)) {
      if (k === 'replication_factor') continue;
      if (!datacenters.includes(k)) throw CqlError.config(`Unrecognized strategy option {${k}} passed to NetworkTopologyStrategy for keyspace`);
    }
  } else if (!cls.endsWith('.LocalStrategy')) throw CqlError.config(`Unable to find replication strategy class '${cls}'`);
  for (const [k, v] of Object.entries(options)) {
    if (!/^\d+$/.test(v)) throw CqlError.config(`Replication factor must be non-negative; found ${v} for ${k}`);
  }
  return { class: cls, options };
}

export function durableWrites(opts: Map<string, OptionValue>): boolean {
  const d = opts.get('durable_writes');
  return !d || d.t !== 'scalar' || d.text.toLowerCase() !== 'false';
}
