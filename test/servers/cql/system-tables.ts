// The system tables a driver reads: system.local / system.peers / system.peers_v2 (what each node
// says of itself and of the others: addresses, data center, rack, tokens, versions) and the
// system_schema tables the driver's metadata is built from. Their columns are those of
// Cassandra 4.0 (the ones the driver reads in control-connection.js and schema-parser.js), and
// they are filled from the live schema after every change.

import { createHash } from 'node:crypto';
import type { CreateTableStatement } from './ast.js';
import { parseCql } from './parser.js';
import { type KeyspaceSchema, type TableSchema, buildTable } from './schema.js';
import { TableData } from './table-data.js';
import {
  encodeBoolean,
  encodeDouble,
  encodeInet,
  encodeInt,
  encodeText,
  textMap,
  textSet,
  typeName,
} from './types.js';

const DEFS: Record<string, string[]> = {
  system: [
    `CREATE TABLE local (key text PRIMARY KEY, bootstrapped text, broadcast_address inet, broadcast_port int, cluster_name text,
      cql_version text, data_center text, gossip_generation int, host_id uuid, listen_address inet, listen_port int,
      native_protocol_version text, partitioner text, rack text, release_version text, rpc_address inet, rpc_port int,
      schema_version uuid, tokens set<text>, truncated_at map<uuid, blob>)`,
    `CREATE TABLE peers (peer inet PRIMARY KEY, data_center text, host_id uuid, preferred_ip inet, rack text,
      release_version text, rpc_address inet, schema_version uuid, tokens set<text>)`,
    `CREATE TABLE peers_v2 (peer inet, peer_port int, data_center text, host_id uuid, native_address inet, native_port int,
      preferred_ip inet, preferred_port int, rack text, release_version text, schema_version uuid, tokens set<text>,
      PRIMARY KEY (peer, peer_port))`,
  ],
  system_schema: [
    `CREATE TABLE keyspaces (keyspace_name text PRIMARY KEY, durable_writes boolean, replication frozen<map<text, text>>)`,
    `CREATE TABLE tables (keyspace_name text, table_name text, additional_write_policy text, bloom_filter_fp_chance double,
      caching frozen<map<text, text>>, cdc boolean, comment text, compaction frozen<map<text, text>>,
      compression frozen<map<text, text>>, crc_check_chance double, default_time_to_live int,
      extensions frozen<map<text, blob>>, flags frozen<set<text>>, gc_grace_seconds int, id uuid, max_index_interval int,
      memtable_flush_period_in_ms int, min_index_interval int, read_repair text, speculative_retry text,
      PRIMARY KEY (keyspace_name, table_name))`,
    `CREATE TABLE columns (keyspace_name text, table_name text, column_name text, clustering_order text,
      column_name_bytes blob, kind text, position int, type text, PRIMARY KEY (keyspace_name, table_name, column_name))`,
    `CREATE TABLE indexes (keyspace_name text, table_name text, index_name text, kind text, options frozen<map<text, text>>,
      PRIMARY KEY (keyspace_name, table_name, index_name))`,
    `CREATE TABLE views (keyspace_name text, view_name text, base_table_id uuid, base_table_name text, include_all_columns boolean,
      where_clause text, PRIMARY KEY (keyspace_name, view_name))`,
    `CREATE TABLE types (keyspace_name text, type_name text, field_names frozen<list<text>>, field_types frozen<list<text>>,
      PRIMARY KEY (keyspace_name, type_name))`,
    `CREATE TABLE functions (keyspace_name text, function_name text, argument_names frozen<list<text>>,
      argument_types frozen<list<text>>, body text, called_on_null_input boolean, language text, return_type text,
      PRIMARY KEY (keyspace_name, function_name))`,
    `CREATE TABLE aggregates (keyspace_name text, aggregate_name text, argument_types frozen<list<text>>, final_func text,
      initcond text, return_type text, state_func text, state_type text, PRIMARY KEY (keyspace_name, aggregate_name))`,
    `CREATE TABLE triggers (keyspace_name text, table_name text, trigger_name text, options frozen<map<text, text>>,
      PRIMARY KEY (keyspace_name, table_name, trigger_name))`,
    `CREATE TABLE dropped_columns (keyspace_name text, table_name text, column_name text, dropped_time timestamp, kind text,
      type text, PRIMARY KEY (keyspace_name, table_name, column_name))`,
  ],
  system_virtual_schema: [
    `CREATE TABLE keyspaces (keyspace_name text PRIMARY KEY)`,
    `CREATE TABLE tables (keyspace_name text, table_name text, comment text, PRIMARY KEY (keyspace_name, table_name))`,
    `CREATE TABLE columns (keyspace_name text, table_name text, column_name text, clustering_order text,
      column_name_bytes blob, kind text, position int, type text, PRIMARY KEY (keyspace_name, table_name, column_name))`,
  ],
};

export const SYSTEM_KEYSPACES = Object.keys(DEFS);
/** Tables whose rows differ by node (each node describes itself and its peers). */
export const NODE_TABLES = new Set(['system.local', 'system.peers', 'system.peers_v2']);

export function systemTableSchemas(): TableSchema[] {
  const out: TableSchema[] = [];
  for (const [ks, defs] of Object.entries(DEFS))
    for (const d of defs) out.push(buildTable(ks, parseCql(d).statement as CreateTableStatement));
  return out;
}

export interface NodeInfo {
  address: string;
  port: number;
  datacenter: string;
  rack: string;
  hostId: Buffer;
  tokens: bigint[];
}

export const RELEASE_VERSION = '4.0.11';
export const CLUSTER_NAME = 'carbyne test cluster';

function put(data: TableData, values: Record<string, Buffer | null>): void {
  const s = data.schema;
  const pk = s.partitionKey.map((c) => values[c.name]!);
  const ck = s.clustering.map((c) => values[c.name]!);
  const cells: [number, Buffer | null][] = [];
  for (const c of s.regular) if (c.name in values) cells.push([c.cell, values[c.name]]);
  data.write(pk, ck, true, cells, 0, 0, 0);
}

export function fillLocal(data: TableData, self: NodeInfo, schemaVersion: Buffer): void {
  data.truncate();
  put(data, {
    key: encodeText('local'),
    bootstrapped: encodeText('COMPLETED'),
    broadcast_address: encodeInet(self.address),
    broadcast_port: encodeInt(7000),
    cluster_name: encodeText(CLUSTER_NAME),
    cql_version: encodeText('3.4.5'),
    data_center: encodeText(self.datacenter),
    gossip_generation: encodeInt(1),
    host_id: self.hostId,
    listen_address: encodeInet(self.address),
    listen_port: encodeInt(7000),
    native_protocol_version: encodeText('4'),
    partitioner: encodeText('org.apache.cassandra.dht.Murmur3Partitioner'),
    rack: encodeText(self.rack),
    release_version: encodeText(RELEASE_VERSION),
    rpc_address: encodeInet(self.address),
    rpc_port: encodeInt(self.port),
    schema_version: schemaVersion,
    tokens: textSet(self.tokens.map(String)),
  });
}

export function fillPeers(peers: TableData, peersV2: TableData, others: readonly NodeInfo[], schemaVersion: Buffer): void {
  peers.truncate();
  peersV2.truncate();
  for (const n of others) {
    const common = {
      data_center: encodeText(n.datacenter),
      host_id: n.hostId,
      preferred_ip: null,
      rack: encodeText(n.rack),
      release_version: encodeText(RELEASE_VERSION),
      schema_version: schemaVersion,
      tokens: textSet(n.tokens.map(String)),
    };
    put(peers, { peer: encodeInet(n.address), rpc_address: encodeInet(n.address), ...common });
    put(peersV2, { peer: encodeInet(n.address), peer_port: encodeInt(7000), native_address: encodeInet(n.address), native_port: encodeInt(n.port), preferred_port: null, ...common });
  }
}

export function fillSchema(tables: (name: string) => TableData, keyspaces: Iterable<KeyspaceSchema>): void {
  for (const n of ['keyspaces', 'tables', 'columns']) tables(n).truncate();
  for (const ks of keyspaces) {
    if (ks.name === 'system_virtual_schema') continue;
    put(tables('keyspaces'), {
      keyspace_name: encodeText(ks.name),
      durable_writes: encodeBoolean(ks.durableWrites),
      replication: textMap({ class: ks.replication.class, ...ks.replication.options }),
    });
    for (const t of ks.tables.values()) {
      const o = t.options;
      const str = (k: string) => encodeText(String(o.get(k)));
      const map = (k: string) => textMap(o.get(k) as Record<string, string>);
      put(tables('tables'), {
        keyspace_name: encodeText(ks.name),
        table_name: encodeText(t.name),
        additional_write_policy: str('additional_write_policy'),
        bloom_filter_fp_chance: encodeDouble(Number(o.get('bloom_filter_fp_chance'))),
        caching: map('caching'),
        cdc: encodeBoolean(o.get('cdc') === 'true'),
        comment: str('comment'),
        compaction: map('compaction'),
        compression: map('compression'),
        crc_check_chance: encodeDouble(Number(o.get('crc_check_chance'))),
        default_time_to_live: encodeInt(Number(o.get('default_time_to_live'))),
        extensions: textMap({}),
        flags: textSet(['compound']),
        gc_grace_seconds: encodeInt(Number(o.get('gc_grace_seconds'))),
        id: t.id,
        max_index_interval: encodeInt(Number(o.get('max_index_interval'))),
        memtable_flush_period_in_ms: encodeInt(Number(o.get('memtable_flush_period_in_ms'))),
        min_index_interval: encodeInt(Number(o.get('min_index_interval'))),
        read_repair: str('read_repair'),
        speculative_retry: str('speculative_retry'),
      });
      for (const c of t.columns) {
        put(tables('columns'), {
          keyspace_name: encodeText(ks.name),
          table_name: encodeText(t.name),
          column_name: encodeText(c.name),
          clustering_order: encodeText(c.kind === 'clustering' ? (c.desc ? 'desc' : 'asc') : 'none'),
          column_name_bytes: encodeText(c.name),
          kind: encodeText(c.kind),
          position: encodeInt(c.position),
          type: encodeText(typeName(c.type)),
        });
      }
    }
  }
}

/** A version-3 style uuid naming the schema's content: equal schemas, equal versions. */
export function schemaVersionOf(keyspaces: Iterable<KeyspaceSchema>): Buffer {
  const h = createHash('md5');
  for (const ks of keyspaces) {
    h.update(`${ks.name}|${ks.replication.class}|${JSON.stringify(ks.replication.options)}|${ks.durableWrites}\n`);
    for (const t of ks.tables.values()) {
      h.update(`${t.name}|${JSON.stringify([...t.options])}\n`);
      for (const c of t.columns) h.update(`${c.name}|${typeName(c.type)}|${c.kind}|${c.position}|${c.desc}\n`);
    }
  }
  const id = h.digest();
  id[6] = (id[6] & 0x0f) | 0x30;
  id[8] = (id[8] & 0x3f) | 0x80;
  return id;
}
