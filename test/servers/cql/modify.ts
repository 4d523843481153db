// INSERT, UPDATE and DELETE: each compiles to the mutations it makes (so a BATCH can check all of
// them before applying any), with USING TTL / TIMESTAMP, the table's default_time_to_live, and
// the lightweight-transaction forms IF NOT EXISTS / IF EXISTS / IF col = v, which answer a row
// with `[applied]` (and the existing row when not applied), as Cassandra does.

import type { Condition, DeleteStatement, InsertStatement, ModificationStatement, UpdateStatement, UsingClause } from './ast.js';
import { CqlError } from './errors.js';
import { type BoundValue, UNSET } from './frame.js';
import type { ExecContext, Mutation, Plan, Result, ResultColumn } from './plan.js';
import { type Restrictions, compileWhere } from './restrictions.js';
import type { ColumnSchema } from './schema.js';
import { type Row, type TableData, cellLive, rowLive, serializePartitionKey } from './table-data.js';
import { Bindings, type CompiledTerm, type Values, bigintTerm, compileTerm, intTerm } from './terms.js';
import { T, comparator } from './types.js';

/** cassandra.yaml's bound on a TTL: 20 years. */
const MAX_TTL = 20 * 365 * 24 * 60 * 60;

interface UsingValues {
  ts: (ctx: ExecContext) => number;
  ttl: (values: Values, defaultTtl: number) => number;
}

function compileUsing(u: UsingClause, b: Bindings): UsingValues {
  const ttl = u.ttl ? intTerm(u.ttl, '[ttl]', b) : null;
  const ts = u.timestamp ? bigintTerm(u.timestamp, '[timestamp]', b) : null;
  return {
    ts: (ctx) => {
      if (!ts) return ctx.timestamp();
      const v = ts(ctx.values);
      if (v === null) throw CqlError.invalid('Invalid null value of timestamp');
      if (v === UNSET) return ctx.timestamp();
      return Number(v);
    },
    ttl: (values, defaultTtl) => {
      if (!ttl) return defaultTtl;
      const v = ttl(values);
      if (v === null) throw CqlError.invalid('Invalid null value of TTL');
      if (v === UNSET) return defaultTtl;
      if (v < 0) throw CqlError.invalid(`A TTL must be greater or equal to 0, but was ${v}`);
      if (v > MAX_TTL) throw CqlError.invalid(`ttl is too large. requested (${v}) maximum (${MAX_TTL})`);
      return v;
    },
  };
}

function keyValue(v: BoundValue, c: ColumnSchema): Buffer {
  if (v === null) throw CqlError.invalid(`Invalid null value in condition for column ${c.name}`);
  if (v === UNSET) throw CqlError.invalid(`Invalid unset value for column ${c.name}`);
  if (c.kind === 'partition_key' && v.length === 0 && c.position === 0) throw CqlError.invalid('Key may not be empty');
  return Buffer.from(v);
}

function copyValue(v: Buffer | null): Buffer | null {
  // values arrive as views into a frame; keep only what they hold
  return v === null ? null : Buffer.from(v);
}

function rowSize(pk: Buffer[], ck: Buffer[], cells: readonly (readonly [number, Buffer | null])[]): number {
  let n = 0;
  for (const v of pk) n += v.length;
  for (const v of ck) n += v.length;
  for (const [, v] of cells) n += 8 + (v ? v.length : 0);
  return n;
}

interface Target {
  pk: Buffer[];
  ck: Buffer[];
}

function liveRow(data: TableData, t: Target, now: number): Row | undefined {
  const p = data.partition(serializePartitionKey(t.pk));
  if (!p) return undefined;
  const i = data.lowerBound(p, t.ck);
  const r = p.rows[i];
  if (!r || data.schema.compareClustering(r.ck, t.ck) !== 0 || !rowLive(r, now)) return undefined;
  return r;
}

/** The answer of a conditional write: [applied], then (when not applied) the row as it is. */
function lwtResult(data: TableData, applied: boolean, t: Target, row: Row | undefined, now: number, only?: ColumnSchema[]): Result {
  const schema = data.schema;
  const columns: ResultColumn[] = [{ name: '[applied]', type: T.boolean }];
  const values: (Buffer | null)[] = [Buffer.from([applied ? 1 : 0])];
  if (!applied && row) {
    const cols = only ?? schema.columns;
    for (const c of cols) {
      columns.push({ name: c.name, type: c.type });
      if (c.kind === 'partition_key') values.push(t.pk[c.position]);
      else if (c.kind === 'clustering') values.push(t.ck[c.position]);
      else values.push(cellLive(row.cells[c.cell], now) ? row.cells[c.cell]!.v : null);
    }
  }
  return { kind: 'rows', keyspace: schema.keyspace, table: schema.name, columns, rows: [values], pagingState: null };
}

function targets(r: Restrictions, values: Values): Target[] {
  const keys = r.partitionKeys(values);
  const slices = r.slices(values);
  const out: Target[] = [];
  for (const pk of keys) for (const s of slices) out.push({ pk: pk.map((v) => Buffer.from(v)), ck: s.prefix.map((v) => Buffer.from(v)) });
  return out;
}

function pkIndexesOf(data: TableData, bound: Map<string, number>): number[] {
  const out: number[] = [];
  for (const c of data.schema.partitionKey) {
    const i = bound.get(c.name);
    if (i === undefined) return [];
    out.push(i);
  }
  return out;
}

function writePlan(
  data: TableData,
  b: Bindings,
  pkIndexes: number[],
  mutations: (ctx: ExecContext) => Mutation[],
  conditional: ((ctx: ExecContext) => Result) | null,
): Plan {
  return {
    kind: 'write',
    keyspace: data.schema.keyspace,
    table: data.schema.name,
    bindings: b,
    pkIndexes,
    resultColumns: [],
    conditional: conditional !== null,
    mutations,
    execute(ctx) {
      if (conditional) return conditional(ctx);
      for (const m of mutations(ctx)) m.apply();
      return { kind: 'void' };
    },
  };
}

export function compileInsert(st: InsertStatement, data: TableData, markers: number): Plan {
  const schema = data.schema;
  const b = new Bindings(markers);
  if (st.columns.length !== st.values.length) throw CqlError.invalid('Unmatched column names/values');
  const seen = new Set<string>();
  const cols = st.columns.map((n) => {
    if (seen.has(n)) throw CqlError.invalid(`The column names contains duplicates`);
    seen.add(n);
    return schema.column(n);
  });
  for (const c of [...schema.partitionKey, ...schema.clustering])
    if (!seen.has(c.name)) throw CqlError.invalid(`Some ${c.kind === 'partition_key' ? 'partition key parts' : 'clustering keys'} are missing: ${c.name}`);
  const terms: CompiledTerm[] = cols.map((c, i) => compileTerm(st.values[i], c.type, c.name, b));
  const bound = new Map<string, number>();
  st.values.forEach((v, i) => v.t === 'bind' && bound.set(cols[i].name, v.index));
  const using = compileUsing(st.using, b);

  const build = (ctx: ExecContext) => {
    const values = ctx.values;
    const pk: Buffer[] = new Array(schema.partitionKey.length);
    const ck: Buffer[] = new Array(schema.clustering.length);
    const cells: [number, Buffer | null][] = [];
    cols.forEach((c, i) => {
      const v = terms[i](values);
      if (c.kind === 'partition_key') pk[c.position] = keyValue(v, c);
      else if (c.kind === 'clustering') ck[c.position] = keyValue(v, c);
      else if (v !== UNSET) cells.push([c.cell, copyValue(v)]);
    });
    const ttl = using.ttl(values, schema.defaultTtl);
    const ts = using.ts(ctx);
    const exp = ttl > 0 ? ctx.nowSec + ttl : 0;
    return { pk, ck, cells, ttl, ts, exp };
  };
  const mutations = (ctx: ExecContext): Mutation[] => {
    const w = build(ctx);
    return [
      {
        data,
        partition: serializePartitionKey(w.pk).toString('latin1'),
        size: rowSize(w.pk, w.ck, w.cells),
        apply: () => data.write(w.pk, w.ck, true, w.cells, w.ts, w.exp, w.ttl),
      },
    ];
  };
  const conditional = st.ifNotExists
    ? (ctx: ExecContext): Result => {
        const w = build(ctx);
        const existing = liveRow(data, w, ctx.nowSec);
        if (existing) return lwtResult(data, false, w, existing, ctx.nowSec);
        data.write(w.pk, w.ck, true, w.cells, w.ts, w.exp, w.ttl);
        return lwtResult(data, true, w, undefined, ctx.nowSec);
      }
    : null;
  return writePlan(data, b, pkIndexesOf(data, bound), mutations, conditional);
}

function boundKeys(where: UpdateStatement['where']): Map<string, number> {
  const m = new Map<string, number>();
  for (const rel of where) if (rel.kind === 'column' && rel.op === '=' && rel.value.t === 'bind') m.set(rel.column, rel.value.index);
  return m;
}

function compileConditions(data: TableData, conds: Condition[], b: Bindings) {
  return conds.map((c) => {
    const col = data.schema.column(c.column);
    if (col.kind !== 'regular') throw CqlError.invalid(`PRIMARY KEY column '${col.name}' cannot have IF conditions`);
    if (!['=', '!=', '<', '<=', '>', '>='].includes(c.op)) throw CqlError.invalid(`Unsupported condition operator ${c.op} in the test server`);
    return { col, op: c.op, term: compileTerm(c.value, col.type, col.name, b), cmp: comparator(col.type) };
  });
}

type CompiledConditions = ReturnType<typeof compileConditions>;

function conditionsHold(conds: CompiledConditions, row: Row | undefined, ctx: ExecContext): boolean {
  for (const c of conds) {
    const cell = row?.cells[c.col.cell];
    const have = cell && cellLive(cell, ctx.nowSec) ? cell.v : null;
    const want = c.term(ctx.values);
    if (want === UNSET) continue;
    if (c.op === '=' || c.op === '!=') {
      const eq = have === null || want === null ? have === want : c.cmp(have, want) === 0;
      if (eq !== (c.op === '=')) return false;
      continue;
    }
    if (have === null || want === null) return false;
    const d = c.cmp(have, want);
    if (!(c.op === '<' ? d < 0 : c.op === '<=' ? d <= 0 : c.op === '>' ? d > 0 : d >= 0)) return false;
  }
  return true;
}

function conditionalOn(
  data: TableData,
  r: Restrictions,
  ifExists: boolean,
  conds: CompiledConditions,
  write: (t: Target, ctx: ExecContext) => Mutation[],
): (ctx: ExecContext) => Result {
  return (ctx) => {
    const ts = targets(r, ctx.values);
    if (ts.length !== 1) throw CqlError.invalid('IN on the clustering key columns is not supported with conditional updates');
    const t = ts[0];
    const row = liveRow(data, t, ctx.nowSec);
    const applied = ifExists ? row !== undefined : conditionsHold(conds, row, ctx);
    if (!applied) return lwtResult(data, false, t, row, ctx.nowSec, ifExists ? undefined : conds.map((c) => c.col));
    for (const m of write(t, ctx)) m.apply();
    return lwtResult(data, true, t, undefined, ctx.nowSec);
  };
}

export function compileUpdate(st: UpdateStatement, data: TableData, markers: number): Plan {
  const schema = data.schema;
  const b = new Bindings(markers);
  const using = compileUsing(st.using, b);
  const sets = st.assignments.map((a) => {
    const c = schema.column(a.column);
    if (c.kind !== 'regular') throw CqlError.invalid(`PRIMARY KEY part ${c.name} found in SET part`);
    return { c, term: compileTerm(a.value, c.type, c.name, b) };
  });
  const r = compileWhere(schema, st.where, b, { allowFiltering: false, modification: 'update' });
  const conds = compileConditions(data, st.conditions, b);
  const write = (t: Target, ctx: ExecContext): Mutation[] => {
    const cells: [number, Buffer | null][] = [];
    for (const s of sets) {
      const v = s.term(ctx.values);
      if (v !== UNSET) cells.push([s.c.cell, copyValue(v)]);
    }
    const ttl = using.ttl(ctx.values, schema.defaultTtl);
    const ts = using.ts(ctx);
    const exp = ttl > 0 ? ctx.nowSec + ttl : 0;
    return [
      {
        data,
        partition: serializePartitionKey(t.pk).toString('latin1'),
        size: rowSize(t.pk, t.ck, cells),
        apply: () => data.write(t.pk, t.ck, false, cells, ts, exp, ttl),
      },
    ];
  };
  const mutations = (ctx: ExecContext) => targets(r, ctx.values).flatMap((t) => write(t, ctx));
  const conditional = st.ifExists || conds.length ? conditionalOn(data, r, st.ifExists, conds, write) : null;
  return writePlan(data, b, pkIndexesOf(data, boundKeys(st.where)), mutations, conditional);
}

export function compileDelete(st: DeleteStatement, data: TableData, markers: number): Plan {
  const schema = data.schema;
  const b = new Bindings(markers);
  const cols = st.columns.map((n) => {
    const c = schema.column(n);
    if (c.kind !== 'regular') throw CqlError.invalid(`Invalid identifier ${c.name} for deletion (should not be a PRIMARY KEY part)`);
    return c;
  });
  const using = compileUsing(st.using, b);
  const r = compileWhere(schema, st.where, b, { allowFiltering: false, modification: 'delete' });
  const fullRow = r.ckPrefix === schema.clustering.length;
  if (cols.length > 0 && !fullRow) throw CqlError.invalid('Range deletions are not supported for specific columns');
  if ((st.ifExists || st.conditions.length) && !fullRow) throw CqlError.invalid('DELETE statements must restrict all PRIMARY KEY columns with equality relations in order to use IF conditions');
  const conds = compileConditions(data, st.conditions, b);

  const mutationsFor = (t: Target, ctx: ExecContext, low?: { v: Buffer; inclusive: boolean }, high?: { v: Buffer; inclusive: boolean }): Mutation => {
    const ts = using.ts(ctx);
    const partition = serializePartitionKey(t.pk).toString('latin1');
    const size = rowSize(t.pk, t.ck, []);
    if (cols.length > 0)
      return { data, partition, size, apply: () => data.deleteCells(t.pk, t.ck, cols.map((c) => c.cell), ts) };
    if (fullRow && schema.clustering.length > 0) return { data, partition, size, apply: () => data.deleteRow(t.pk, t.ck, ts) };
    if (t.ck.length === 0 && !low && !high) {
      if (schema.clustering.length === 0) return { data, partition, size, apply: () => data.deleteRow(t.pk, t.ck, ts) };
      return { data, partition, size, apply: () => data.deletePartition(t.pk, ts) };
    }
    const range = { prefix: t.ck, low: low && { v: Buffer.from(low.v), inclusive: low.inclusive }, high: high && { v: Buffer.from(high.v), inclusive: high.inclusive }, ts };
    return { data, partition, size, apply: () => data.deleteRange(t.pk, range) };
  };
  const mutations = (ctx: ExecContext): Mutation[] => {
    const keys = r.partitionKeys(ctx.values);
    const slices = r.slices(ctx.values);
    const out: Mutation[] = [];
    for (const pk of keys)
      for (const s of slices) out.push(mutationsFor({ pk: pk.map((v) => Buffer.from(v)), ck: s.prefix.map((v) => Buffer.from(v)) }, ctx, s.low, s.high));
    return out;
  };
  const conditional = st.ifExists || conds.length ? conditionalOn(data, r, st.ifExists, conds, (t, ctx) => [mutationsFor(t, ctx)]) : null;
  return writePlan(data, b, pkIndexesOf(data, boundKeys(st.where)), mutations, conditional);
}

export function compileModification(st: ModificationStatement, data: TableData, markers: number): Plan {
  if (st.type === 'insert') return compileInsert(st, data, markers);
  if (st.type === 'update') return compileUpdate(st, data, markers);
  return compileDelete(st, data, markers);
}


