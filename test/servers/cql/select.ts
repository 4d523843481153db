// SELECT: partitions by key (=, IN) or by a scan in token order (optionally bounded by token
// ranges), rows by clustering slices, forwards or reversed (ORDER BY), then filters, PER PARTITION
// LIMIT, LIMIT and paging. The paging state names the last row returned (partition key and
// clustering) and how many rows were returned, as Cassandra's does (native_protocol_v4.spec
// section 8), so inserts between pages neither repeat nor skip rows.

import type { SelectStatement, Selector } from './ast.js';
import { CqlError } from './errors.js';
import { BodyReader, BodyWriter, UNSET } from './frame.js';
import type { ExecContext, Plan, ResultColumn } from './plan.js';
import { type Restrictions, type Slice, compileWhere, filterAccepts } from './restrictions.js';
import type { ColumnSchema } from './schema.js';
import { type Partition, type Row, type TableData, cellLive, comparePartitions, rowLive, serializePartitionKey } from './table-data.js';
import { Bindings, type Values, intTerm } from './terms.js';
import { T, encodeBigint, encodeInt } from './types.js';
import { murmur3Token } from './murmur3.js';

type Output = (p: Partition, r: Row, nowSec: number) => Buffer | null;

interface PagingState {
  key: Buffer;
  ck: Buffer[];
  returned: number;
  inPartition: number;
}

function encodePagingState(s: PagingState): Buffer {
  const w = new BodyWriter(64);
  w.shortBytes(s.key).short(s.ck.length);
  for (const c of s.ck) w.shortBytes(c);
  w.int(s.returned).int(s.inPartition);
  return Buffer.from(w.buf.subarray(9, w.pos));
}

function decodePagingState(b: Buffer): PagingState {
  try {
    const r = new BodyReader(b);
    const key = Buffer.from(r.shortBytes());
    const n = r.short();
    const ck: Buffer[] = [];
    for (let i = 0; i < n; i++) ck.push(Buffer.from(r.shortBytes()));
    return { key, ck, returned: r.int(), inPartition: r.int() };
  } catch {
    throw CqlError.protocol('Invalid value for the paging state');
  }
}

function outputFor(sel: Selector, table: TableData, columns: ResultColumn[]): Output {
  const schema = table.schema;
  switch (sel.kind) {
    case 'column': {
      const c = schema.column(sel.column);
      columns.push({ name: sel.alias ?? c.name, type: c.type });
      return columnOutput(c);
    }
    case 'ttl':
    case 'writetime': {
      const c = schema.column(sel.column);
      if (c.kind !== 'regular') throw CqlError.invalid(`Cannot use selection function ${sel.kind} on PRIMARY KEY part ${c.name}`);
      if (c.type.kind !== 'native' && !c.type.frozen) throw CqlError.invalid(`Cannot use selection function ${sel.kind} on non-frozen collection ${c.name}`);
      columns.push({ name: sel.alias ?? `${sel.kind}(${c.name})`, type: sel.kind === 'ttl' ? T.int : T.bigint });
      const idx = c.cell;
      if (sel.kind === 'ttl')
        return (_p, r, now) => {
          const cell = r.cells[idx];
          return cellLive(cell, now) && cell!.exp !== 0 ? encodeInt(cell!.exp - now) : null;
        };
      return (_p, r, now) => {
        const cell = r.cells[idx];
        return cellLive(cell, now) ? encodeBigint(BigInt(cell!.ts)) : null;
      };
    }
    case 'token': {
      const names = schema.partitionKey.map((c) => c.name);
      if (sel.columns.length !== names.length || sel.columns.some((c, i) => c !== names[i]))
        throw CqlError.invalid(`Invalid number or order of arguments for token(): expected ${names.join(', ')}`);
      columns.push({ name: sel.alias ?? `system.token(${sel.columns.join(', ')})`, type: T.bigint });
      return (p) => encodeBigint(p.token);
    }
    case 'count':
      throw CqlError.invalid('COUNT(*) cannot be mixed with other selectors in the test server');
  }
}

function columnOutput(c: ColumnSchema): Output {
  const pos = c.position;
  if (c.kind === 'partition_key') return (p) => p.pk[pos];
  if (c.kind === 'clustering') return (_p, r) => r.ck[pos];
  const idx = c.cell;
  const emptyIsNull = c.type.kind !== 'native' && !c.type.frozen;
  return (_p, r, now) => {
    const cell = r.cells[idx];
    if (!cellLive(cell, now)) return null;
    // an empty non-frozen collection is no collection at all
    if (emptyIsNull && cell!.v!.length === 4 && cell!.v!.readInt32BE(0) === 0) return null;
    return cell!.v;
  };
}

export function compileSelect(st: SelectStatement, data: TableData, markers: number): Plan {
  const schema = data.schema;
  const b = new Bindings(markers);
  const columns: ResultColumn[] = [];
  let outputs: Output[] = [];
  let count: string | null = null;
  if (st.selectors === null) outputs = schema.columns.map((c) => outputFor({ kind: 'column', column: c.name }, data, columns));
  else if (st.selectors.length === 1 && st.selectors[0].kind === 'count') {
    count = st.selectors[0].alias ?? 'count';
    columns.push({ name: count, type: T.bigint });
  } else outputs = st.selectors.map((s) => outputFor(s, data, columns));

  if (st.distinct) {
    const sel = st.selectors ?? [];
    if (st.selectors === null || sel.some((s) => s.kind !== 'column' || schema.column(s.column).kind !== 'partition_key'))
      throw CqlError.invalid('SELECT DISTINCT queries must only request partition key columns and/or static columns (not other columns)');
    if (sel.length !== schema.partitionKey.length) throw CqlError.invalid('SELECT DISTINCT queries must request all the partition key columns');
  }

  const r = compileWhere(schema, st.where, b, { allowFiltering: st.allowFiltering });
  if (st.distinct && (r.ckPrefix > 0 || r.rangeColumn >= 0)) throw CqlError.invalid('SELECT DISTINCT with WHERE clause only supports restriction by partition key and/or static columns.');

  // ORDER BY: the clustering columns in order, all reversed or none
  let reversed = false;
  if (st.orderBy.length > 0) {
    if (!r.pkComplete) throw CqlError.invalid('ORDER BY is only supported when the partition key is restricted by an EQ or an IN.');
    st.orderBy.forEach((o, i) => {
      const c = schema.column(o.column);
      if (c.kind !== 'clustering') throw CqlError.invalid(`Order by is currently only supported on the clustered columns of the PRIMARY KEY, got ${o.column}`);
      if (c.position !== i) throw CqlError.invalid('Order by currently only supports the ordering of columns following their declared order in the PRIMARY KEY');
      const rev = o.desc !== c.desc;
      if (i === 0) reversed = rev;
      else if (rev !== reversed) throw CqlError.invalid('Unsupported order by relation');
    });
  }
  const sortAcrossPartitions = st.orderBy.length > 0 && r.pkHasIn;

  const limit = st.limit ? intTerm(st.limit, '[limit]', b) : null;
  const ppl = st.perPartitionLimit ? intTerm(st.perPartitionLimit, '[per_partition_limit]', b) : null;
  const positive = (f: typeof limit, what: string, values: Values): number => {
    if (!f) return Infinity;
    const v = f(values);
    if (v === null) throw CqlError.invalid(`Invalid null value of ${what}`);
    if (v === UNSET) return Infinity;
    if (v <= 0) throw CqlError.invalid(`${what[0].toUpperCase()}${what.slice(1)} must be strictly positive`);
    return v;
  };

  const pkIndexes: number[] = [];
  for (const c of schema.partitionKey) {
    const idx = findMarkerOf(st.where, c.name);
    if (idx < 0) {
      pkIndexes.length = 0;
      break;
    }
    pkIndexes.push(idx);
  }

  const rowFilters = r.filters.filter((f) => f.column.kind !== 'partition_key');
  const pkFilters = r.filters.filter((f) => f.column.kind === 'partition_key');

  return {
    kind: 'read',
    keyspace: schema.keyspace,
    table: schema.name,
    bindings: b,
    pkIndexes,
    resultColumns: columns,
    execute(ctx: ExecContext) {
      const values = ctx.values;
      const lim = positive(limit, 'limit', values);
      const perPartition = positive(ppl, 'per partition limit', values);
      const now = ctx.nowSec;
      const slices = r.slices(values);
      const paging = count === null && ctx.pageSize > 0 && Number.isFinite(ctx.pageSize);
      if (sortAcrossPartitions && paging && r.partitionKeys(values).length > 1)
        throw CqlError.invalid(
          'Cannot page queries with both ORDER BY and a IN restriction on the partition key; you must either remove the ORDER BY or the IN and sort client side, or disable paging for this query',
        );
      const state = ctx.pagingState && count === null ? decodePagingState(ctx.pagingState) : null;
      const pageSize = paging && !sortAcrossPartitions ? ctx.pageSize : Infinity;
      const out: (Buffer | null)[][] = [];
      let returned = state?.returned ?? 0;
      let counted = 0;
      let next: PagingState | null = null;
      let last: { p: Partition; r: Row; inPartition: number } | null = null;
      const collected: { p: Partition; r: Row }[] = [];

      const visitPartition = (p: Partition, resume: PagingState | null): boolean => {
        for (const f of pkFilters) if (!filterAccepts(f, p.pk[f.column.position], values)) return true;
        let inPartition = resume ? resume.inPartition : 0;
        if (st.distinct) {
          if (resume || !p.rows.some((row) => rowLive(row, now))) return true;
        }
        for (const [lo, hi] of rowRanges(data, p, slices, reversed, resume?.ck ?? null)) {
          const step = reversed ? -1 : 1;
          for (let i = reversed ? hi - 1 : lo; reversed ? i >= lo : i < hi; i += step) {
            const row = p.rows[i];
            if (!rowLive(row, now)) continue;
            let ok = true;
            for (const f of rowFilters) {
              const c = f.column;
              const v = c.kind === 'clustering' ? row.ck[c.position] : cellLive(row.cells[c.cell], now) ? row.cells[c.cell]!.v : null;
              if (!filterAccepts(f, v, values)) {
                ok = false;
                break;
              }
            }
            if (!ok) continue;
            if (inPartition >= perPartition) return true;
            if (count !== null) {
              counted++;
              inPartition++;
              if (st.distinct) return true;
              continue;
            }
            if (returned >= lim && !sortAcrossPartitions) return false;
            if (out.length >= pageSize) {
              next = { key: last!.p.key, ck: last!.r.ck, returned, inPartition: last!.inPartition };
              return false;
            }
            if (sortAcrossPartitions) collected.push({ p, r: row });
            else out.push(outputs.map((o) => o(p, row, now)));
            inPartition++;
            returned++;
            last = { p, r: row, inPartition };
            if (st.distinct) return true;
          }
        }
        return true;
      };

      if (r.pkComplete) {
        const keys = r.partitionKeys(values);
        let started = state === null;
        for (const k of keys) {
          const key = serializePartitionKey(k);
          const p = data.partition(key);
          if (!started) {
            // resume at the partition the state names, even if it has since been deleted
            if (key.equals(state!.key)) {
              started = true;
              if (p && !visitPartition(p, state)) break;
            }
            continue;
          }
          if (p && !visitPartition(p, null)) break;
        }
      } else {
        const ring = data.inRingOrder();
        let i = 0;
        const lowTok = r.tokenLow?.token(values);
        const highTok = r.tokenHigh?.token(values);
        if (state) i = ringLowerBound(ring, state.key, data);
        else if (lowTok !== undefined) {
          i = ringTokenBound(ring, lowTok, r.tokenLow!.inclusive);
        }
        for (; i < ring.length; i++) {
          const p = ring[i];
          if (highTok !== undefined && (p.token > highTok || (p.token === highTok && !r.tokenHigh!.inclusive))) break;
          if (lowTok !== undefined && (p.token < lowTok || (p.token === lowTok && !r.tokenLow!.inclusive))) continue;
          const resume = state && p.key.equals(state.key) ? state : null;
          if (!visitPartition(p, resume)) break;
        }
      }

      if (count !== null) return result(schema.keyspace, schema.name, columns, [[encodeBigint(BigInt(counted))]], null);
      if (sortAcrossPartitions) {
        const cmp = schema.compareClustering;
        collected.sort((x, y) => (reversed ? -cmp(x.r.ck, y.r.ck) : cmp(x.r.ck, y.r.ck)));
        for (const { p, r: row } of collected.slice(0, lim)) out.push(outputs.map((o) => o(p, row, now)));
      }
      return result(schema.keyspace, schema.name, columns, out, next ? encodePagingState(next) : null);
    },
  };
}

function result(keyspace: string, table: string, columns: ResultColumn[], rows: (Buffer | null)[][], pagingState: Buffer | null) {
  return { kind: 'rows' as const, keyspace, table, columns, rows, pagingState };
}

function ringTokenBound(ring: Partition[], token: bigint, inclusive: boolean): number {
  let lo = 0;
  let hi = ring.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = ring[mid].token;
    if (t < token || (!inclusive && t === token)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function ringLowerBound(ring: Partition[], key: Buffer, data: TableData): number {
  const target = data.partition(key) ?? { key, token: murmur3Token(key) };
  let lo = 0;
  let hi = ring.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (comparePartitions(ring[mid], target) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}


/**
 * Index ranges [lo, hi) of a partition's rows that the slices select, in iteration order
 * (reversed: last slice first). With `after`, rows up to and including that clustering (in
 * iteration order) are skipped: the resume point of a paging state.
 */
function rowRanges(data: TableData, p: Partition, slices: Slice[], reversed: boolean, after: Buffer[] | null): [number, number][] {
  const out: [number, number][] = [];
  for (const s of slices) {
    let lo = findEdge(data, p, s, false);
    let hi = findEdge(data, p, s, true);
    if (after) {
      if (reversed) hi = Math.min(hi, data.lowerBound(p, after));
      else lo = Math.max(lo, upperBound(data, p, after));
    }
    if (lo < hi) out.push([lo, hi]);
  }
  if (reversed) out.reverse();
  return out;
}

function upperBound(data: TableData, p: Partition, ck: readonly Buffer[]): number {
  const cmp = data.schema.compareClustering;
  let lo = 0;
  let hi = p.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(p.rows[mid].ck, ck) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where a row stands against a slice in storage order: -1 before it, 0 in it, 1 after it. */
function classify(data: TableData, s: Slice, ck: readonly Buffer[]): number {
  const cmps = data.schema.clusteringComparators;
  const n = s.prefix.length;
  for (let i = 0; i < n; i++) {
    const c = cmps[i](ck[i], s.prefix[i]);
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  if (!s.low && !s.high) return 0;
  const desc = data.schema.clustering[n].desc;
  const raw = (bound: Buffer) => (desc ? -cmps[n](ck[n], bound) : cmps[n](ck[n], bound));
  if (s.low) {
    const c = raw(s.low.v);
    if (c < 0 || (c === 0 && !s.low.inclusive)) return desc ? 1 : -1;
  }
  if (s.high) {
    const c = raw(s.high.v);
    if (c > 0 || (c === 0 && !s.high.inclusive)) return desc ? -1 : 1;
  }
  return 0;
}

/** First index whose class is >= 0 (or > 0 when `past`). */
function findEdge(data: TableData, p: Partition, s: Slice, past: boolean): number {
  let lo = 0;
  let hi = p.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = classify(data, s, p.rows[mid].ck);
    if (past ? c <= 0 : c < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The marker bound by `column = ?` (the driver routes by these), or -1. */
export function findMarkerOf(where: SelectStatement['where'], column: string): number {
  for (const rel of where) if (rel.kind === 'column' && rel.column === column && rel.op === '=' && rel.value.t === 'bind') return rel.value.index;
  return -1;
}
