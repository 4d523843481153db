// The state every node of a test cluster shares: the schema, the tables' rows, the clock that
// TTLs expire by, and the write-timestamp source. Nodes are front ends to it (each with its own
// system.local / system.peers, prepared statements and faults), so replication is perfect and a
// write through one node is read through any other.

import type { ParsedStatement, Statement, TableName } from './ast.js';
import { CqlError, ErrorCode } from './errors.js';
import { compileBatch } from './batch.js';
import { compileModification } from './modify.js';
import type { Plan, Result } from './plan.js';
import {
  KeyspaceSchema,
  type TableSchema,
  alterTableOptions,
  buildReplication,
  buildTable,
  durableWrites,
} from './schema.js';
import { compileSelect } from './select.js';
import { NODE_TABLES, SYSTEM_KEYSPACES, fillSchema, schemaVersionOf, systemTableSchemas } from './system-tables.js';
import { TableData } from './table-data.js';
import { Bindings } from './terms.js';

/** The time TTLs expire by. Tests move it; it never moves by itself unless `real`. */
export class TestClock {
  private offsetMs = 0;
  private fixedMs: number | null;
  private readonly listeners: (() => void)[] = [];
  constructor(startMs?: number) {
    this.fixedMs = startMs ?? null;
  }
  nowMs(): number {
    return this.fixedMs ?? Date.now() + this.offsetMs;
  }
  /** Moves the clock forward (or back with a negative amount). */
  advance(ms: number): void {
    if (this.fixedMs !== null) this.fixedMs += ms;
    else this.offsetMs += ms;
    for (const l of this.listeners) l();
  }
  set(ms: number): void {
    this.fixedMs = ms;
    for (const l of this.listeners) l();
  }
  onChange(l: () => void): void {
    this.listeners.push(l);
  }
}

export type SchemaEvent = { change: 'CREATED' | 'UPDATED' | 'DROPPED'; target: 'KEYSPACE' | 'TABLE'; keyspace: string; table?: string };

export class CqlCluster {
  readonly keyspaces = new Map<string, KeyspaceSchema>();
  private readonly data = new Map<string, TableData>();
  schemaVersion: Buffer = Buffer.alloc(16);
  /** Bumped on every schema change; compiled plans of an older epoch are compiled again. */
  epoch = 0;
  private lastTimestamp = 0;
  readonly schemaListeners: ((e: SchemaEvent) => void)[] = [];
  readonly datacenters: string[];

  constructor(
    readonly clock: TestClock,
    datacenters: string[],
  ) {
    this.datacenters = datacenters;
    const local = { class: 'org.apache.cassandra.locator.LocalStrategy', options: {} };
    for (const ks of SYSTEM_KEYSPACES) this.keyspaces.set(ks, new KeyspaceSchema(ks, local, true));
    for (const t of systemTableSchemas()) this.addTable(t);
    clock.onChange(() => this.purgeExpired());
    this.schemaChanged();
  }

  nowSec(): number {
    return Math.floor(this.clock.nowMs() / 1000);
  }

  /** A server-side write timestamp in microseconds, strictly increasing. */
  nextTimestamp(): number {
    const t = Math.max(this.clock.nowMs() * 1000, this.lastTimestamp + 1);
    this.lastTimestamp = t;
    return t;
  }

  private addTable(t: TableSchema): void {
    this.keyspaces.get(t.keyspace)!.tables.set(t.name, t);
    this.data.set(`${t.keyspace}.${t.name}`, new TableData(t));
  }

  private schemaChanged(event?: SchemaEvent): void {
    this.epoch++;
    this.schemaVersion = schemaVersionOf(this.keyspaces.values());
    fillSchema((n) => this.data.get(`system_schema.${n}`)!, this.keyspaces.values());
    if (event) for (const l of this.schemaListeners) l(event);
  }

  tableData(keyspace: string, table: string): TableData | undefined {
    return this.data.get(`${keyspace}.${table}`);
  }

  purgeExpired(): void {
    const now = this.nowSec();
    for (const d of this.data.values()) d.purgeExpired(now);
  }

  /** Resolves a table name against the connection's keyspace, as Cassandra reports failures. */
  resolve(name: TableName, keyspace: string | undefined, nodeTables: (name: string) => TableData | undefined): TableData {
    const ks = name.keyspace ?? keyspace;
    if (!ks) throw CqlError.invalid('No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename');
    if (!this.keyspaces.has(ks)) throw CqlError.invalid(`Keyspace ${ks} does not exist`);
    const full = `${ks}.${name.name}`;
    const d = NODE_TABLES.has(full) ? nodeTables(full) : this.data.get(full);
    if (!d) throw CqlError.invalid(`unconfigured table ${name.name}`);
    return d;
  }

  /** Compiles a parsed statement into a plan against the current schema. */
  compile(parsed: ParsedStatement, keyspace: string | undefined, nodeTables: (name: string) => TableData | undefined): Plan {
    const st = parsed.statement;
    switch (st.type) {
      case 'select':
        return compileSelect(st, this.resolve(st.table, keyspace, nodeTables), parsed.markers);
      case 'insert':
      case 'update':
      case 'delete': {
        const d = this.resolve(st.table, keyspace, nodeTables);
        this.refuseSystemWrite(d.schema.keyspace);
        return compileModification(st, d, parsed.markers);
      }
      case 'batch':
        return compileBatch(st, parsed.markers, (inner) => {
          const d = this.resolve(inner.table, keyspace, nodeTables);
          this.refuseSystemWrite(d.schema.keyspace);
          return { data: d, plan: compileModification(inner, d, parsed.markers) };
        });
      case 'use':
        if (!this.keyspaces.has(st.keyspace)) throw CqlError.invalid(`Keyspace '${st.keyspace}' does not exist`);
        return {
          kind: 'use',
          keyspace: st.keyspace,
          bindings: new Bindings(parsed.markers),
          pkIndexes: [],
          resultColumns: [],
          execute: () => ({ kind: 'setKeyspace', keyspace: st.keyspace }),
        };
      default: {
        if (parsed.markers > 0) throw CqlError.invalid('Bind variables cannot be used in schema statements');
        const target = ddlTarget(st, keyspace);
        return {
          kind: 'schema',
          keyspace: target.keyspace,
          table: target.table,
          bindings: new Bindings(0),
          pkIndexes: [],
          resultColumns: [],
          execute: () => this.ddl(st, keyspace),
        };
      }
    }
  }

  private refuseSystemWrite(ks: string): void {
    if (SYSTEM_KEYSPACES.includes(ks)) throw new CqlError(ErrorCode.UNAUTHORIZED, `${ks} keyspace is not user-modifiable.`);
  }

  private keyspaceOf(name: TableName, keyspace: string | undefined): KeyspaceSchema {
    const ks = name.keyspace ?? keyspace;
    if (!ks) throw CqlError.invalid('No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename');
    const k = this.keyspaces.get(ks);
    if (!k) throw CqlError.invalid(`Keyspace ${ks} doesn't exist`);
    return k;
  }

  ddl(st: Statement, keyspace: string | undefined): Result {
    switch (st.type) {
      case 'createKeyspace': {
        if (this.keyspaces.has(st.name)) {
          if (st.ifNotExists) return { kind: 'void' };
          throw CqlError.alreadyExists(st.name, '');
        }
        const ks = new KeyspaceSchema(st.name, buildReplication(st.options, this.datacenters), durableWrites(st.options));
        this.keyspaces.set(st.name, ks);
        return this.changed({ change: 'CREATED', target: 'KEYSPACE', keyspace: st.name });
      }
      case 'alterKeyspace': {
        const ks = this.keyspaces.get(st.name);
        if (!ks) throw CqlError.invalid(`Keyspace ${st.name} doesn't exist`);
        this.refuseSystemWrite(st.name);
        if (st.options.has('replication')) ks.replication = buildReplication(st.options, this.datacenters);
        if (st.options.has('durable_writes')) ks.durableWrites = durableWrites(st.options);
        return this.changed({ change: 'UPDATED', target: 'KEYSPACE', keyspace: st.name });
      }
      case 'dropKeyspace': {
        const ks = this.keyspaces.get(st.name);
        if (!ks) {
          if (st.ifExists) return { kind: 'void' };
          throw CqlError.config(`Cannot drop non existing keyspace '${st.name}'.`);
        }
        this.refuseSystemWrite(st.name);
        for (const t of ks.tables.keys()) this.data.delete(`${st.name}.${t}`);
        this.keyspaces.delete(st.name);
        return this.changed({ change: 'DROPPED', target: 'KEYSPACE', keyspace: st.name });
      }
      case 'createTable': {
        const ks = this.keyspaceOf(st.table, keyspace);
        this.refuseSystemWrite(ks.name);
        if (ks.tables.has(st.table.name)) {
          if (st.ifNotExists) return { kind: 'void' };
          throw CqlError.alreadyExists(ks.name, st.table.name);
        }
        this.addTable(buildTable(ks.name, st));
        return this.changed({ change: 'CREATED', target: 'TABLE', keyspace: ks.name, table: st.table.name });
      }
      case 'alterTableAdd':
      case 'alterTableWith': {
        const ks = this.keyspaceOf(st.table, keyspace);
        this.refuseSystemWrite(ks.name);
        const t = ks.tables.get(st.table.name);
        if (!t) throw CqlError.invalid(`Table '${ks.name}.${st.table.name}' doesn't exist`);
        const d = this.data.get(`${ks.name}.${t.name}`)!;
        if (st.type === 'alterTableWith') alterTableOptions(t, st.options);
        else {
          const next = t.withColumns(st.columns);
          ks.tables.set(t.name, next);
          // existing rows keep their cells: regular columns are re-indexed by name
          remapCells(d, t, next);
          d.schema = next;
        }
        return this.changed({ change: 'UPDATED', target: 'TABLE', keyspace: ks.name, table: t.name });
      }
      case 'dropTable': {
        const ks = this.keyspaceOf(st.table, keyspace);
        this.refuseSystemWrite(ks.name);
        if (!ks.tables.has(st.table.name)) {
          if (st.ifExists) return { kind: 'void' };
          throw CqlError.invalid(`Table '${ks.name}.${st.table.name}' doesn't exist`);
        }
        ks.tables.delete(st.table.name);
        this.data.delete(`${ks.name}.${st.table.name}`);
        return this.changed({ change: 'DROPPED', target: 'TABLE', keyspace: ks.name, table: st.table.name });
      }
      case 'truncate': {
        const ks = this.keyspaceOf(st.table, keyspace);
        this.refuseSystemWrite(ks.name);
        const d = this.data.get(`${ks.name}.${st.table.name}`);
        if (!d) throw CqlError.invalid(`unconfigured table ${st.table.name}`);
        d.truncate();
        return { kind: 'void' };
      }
      default:
        throw CqlError.server(`not a schema statement: ${st.type}`);
    }
  }

  private changed(e: SchemaEvent): Result {
    this.schemaChanged(e);
    return { kind: 'schemaChange', ...e };
  }
}

function ddlTarget(st: Statement, keyspace: string | undefined): { keyspace?: string; table?: string } {
  if ('table' in st && st.table && typeof st.table === 'object') return { keyspace: st.table.keyspace ?? keyspace, table: st.table.name };
  if ('name' in st) return { keyspace: st.name };
  return {};
}

function remapCells(d: TableData, before: TableSchema, after: TableSchema): void {
  const map = before.regular.map((c) => after.byName.get(c.name)!.cell);
  for (const p of d.partitions.values())
    for (const r of p.rows) {
      const cells = r.cells;
      r.cells = [];
      cells.forEach((c, i) => {
        if (c) r.cells[map[i]] = c;
      });
    }
}
