// The rows of one table, in memory and in Cassandra's order: partitions by (Murmur3 token, key
// bytes), rows by clustering order. Values stay serialized as they arrived. Each cell carries its
// write timestamp (microseconds) and expiry, so the last write wins by timestamp and tombstones
// (row, partition, range) shadow older writes as Cassandra's reconciliation does: the higher
// timestamp wins; on a tie a deletion wins over a value, and of two values the greater bytes.

import type { TableSchema } from './schema.js';
import { murmur3Token } from './murmur3.js';

export interface Cell {
  /** null: a tombstone (an explicit null or a deleted column). */
  v: Buffer | null;
  ts: number;
  /** Expiry in seconds since the epoch (Cassandra's local deletion time); 0 = never. */
  exp: number;
  ttl: number;
}

export interface Row {
  readonly ck: Buffer[];
  /** The primary key liveness an INSERT writes (UPDATE does not): the row exists while it lives. */
  marker: Cell | null;
  cells: (Cell | undefined)[];
  /** Timestamp of the newest row deletion; -Infinity when none. */
  deletedAt: number;
}

export interface RangeTombstone {
  /** The clustering prefix all deleted rows share, and an optional bound on the next column. */
  readonly prefix: Buffer[];
  readonly low?: { v: Buffer; inclusive: boolean };
  readonly high?: { v: Buffer; inclusive: boolean };
  readonly ts: number;
}

export class Partition {
  readonly rows: Row[] = [];
  deletedAt = -Infinity;
  readonly ranges: RangeTombstone[] = [];
  constructor(
    readonly key: Buffer,
    readonly pk: Buffer[],
    readonly token: bigint,
  ) {}
}

export function cellLive(c: Cell | null | undefined, nowSec: number): boolean {
  return !!c && c.v !== null && (c.exp === 0 || nowSec < c.exp);
}

/** Whether `next` replaces `prev` under Cassandra's reconciliation. */
function wins(next: Cell, prev: Cell | null | undefined): boolean {
  if (!prev) return true;
  if (next.ts !== prev.ts) return next.ts > prev.ts;
  if (prev.v === null) return false;
  if (next.v === null) return true;
  return Buffer.compare(next.v, prev.v) > 0;
}

export function rowLive(r: Row, nowSec: number): boolean {
  if (cellLive(r.marker, nowSec)) return true;
  for (const c of r.cells) if (cellLive(c, nowSec)) return true;
  return false;
}

/** The partition key as Cassandra serializes it for the token: one component as is, several as a composite. */
export function serializePartitionKey(values: readonly Buffer[]): Buffer {
  if (values.length === 1) return values[0];
  let size = 0;
  for (const v of values) size += 3 + v.length;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const v of values) {
    out.writeUInt16BE(v.length, at);
    v.copy(out, at + 2);
    out[at + 2 + v.length] = 0;
    at += 3 + v.length;
  }
  return out;
}

export function comparePartitions(a: { token: bigint; key: Buffer }, b: { token: bigint; key: Buffer }): number {
  if (a.token !== b.token) return a.token < b.token ? -1 : 1;
  return Buffer.compare(a.key, b.key);
}

export class TableData {
  readonly partitions = new Map<string, Partition>();
  private ordered: Partition[] | null = null;
  /** Monotonic count of changes, so a reader can tell the ordered view is stale. */
  constructor(public schema: TableSchema) {}

  partition(key: Buffer): Partition | undefined {
    return this.partitions.get(key.toString('latin1'));
  }

  /** Partitions in ring order; rebuilt lazily after a partition is added or removed. */
  inRingOrder(): Partition[] {
    if (!this.ordered) this.ordered = [...this.partitions.values()].sort(comparePartitions);
    return this.ordered;
  }

  private ensurePartition(pk: Buffer[]): Partition {
    const key = serializePartitionKey(pk);
    const id = key.toString('latin1');
    let p = this.partitions.get(id);
    if (!p) {
      p = new Partition(key, pk, murmur3Token(key));
      this.partitions.set(id, p);
      this.ordered = null;
    }
    return p;
  }

  dropPartition(p: Partition): void {
    this.partitions.delete(p.key.toString('latin1'));
    this.ordered = null;
  }

  truncate(): void {
    this.partitions.clear();
    this.ordered = null;
  }

  /** Index of the first row whose clustering is >= ck (rows.length when none). */
  lowerBound(p: Partition, ck: readonly Buffer[]): number {
    const cmp = this.schema.compareClustering;
    let lo = 0;
    let hi = p.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(p.rows[mid].ck, ck) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private shadowOf(p: Partition, ck: readonly Buffer[], row: Row | undefined): number {
    let s = p.deletedAt;
    if (row && row.deletedAt > s) s = row.deletedAt;
    for (const r of p.ranges) if (r.ts > s && this.inRange(r, ck)) s = r.ts;
    return s;
  }

  /** Whether a full clustering key falls in a range tombstone. */
  inRange(r: RangeTombstone, ck: readonly Buffer[]): boolean {
    const cmps = this.schema.clusteringComparators;
    for (let i = 0; i < r.prefix.length; i++) if (cmps[i](ck[i], r.prefix[i]) !== 0) return false;
    const i = r.prefix.length;
    if (r.low) {
      const c = this.schema.clustering[i].desc ? -cmps[i](ck[i], r.low.v) : cmps[i](ck[i], r.low.v);
      if (c < 0 || (c === 0 && !r.low.inclusive)) return false;
    }
    if (r.high) {
      const c = this.schema.clustering[i].desc ? -cmps[i](ck[i], r.high.v) : cmps[i](ck[i], r.high.v);
      if (c > 0 || (c === 0 && !r.high.inclusive)) return false;
    }
    return true;
  }

  /**
   * Writes cells of one row. `marker` is true for an INSERT (the row exists on its own), `cells`
   * maps a regular column's cell index to its value (null: a tombstone). Writes older than a
   * covering deletion are dropped, as Cassandra's reconciliation would drop them.
   */
  write(pk: Buffer[], ck: Buffer[], marker: boolean, cells: readonly (readonly [number, Buffer | null])[], ts: number, exp: number, ttl: number): void {
    const p = this.ensurePartition(pk);
    const rows = p.rows;
    const cmp = this.schema.compareClustering;
    let i: number;
    // appends in clustering order are the common case (chunks by end time): try the end first
    if (rows.length === 0 || cmp(rows[rows.length - 1].ck, ck) < 0) i = rows.length;
    else i = this.lowerBound(p, ck);
    let row = i < rows.length && cmp(rows[i].ck, ck) === 0 ? rows[i] : undefined;
    const shadow = this.shadowOf(p, ck, row);
    if (ts <= shadow) return;
    if (!row) {
      row = { ck, marker: null, cells: [], deletedAt: -Infinity };
      if (i === rows.length) rows.push(row);
      else rows.splice(i, 0, row);
    }
    if (marker) {
      const m: Cell = { v: EMPTY, ts, exp, ttl };
      if (wins(m, row.marker)) row.marker = m;
    }
    for (const [idx, v] of cells) {
      const c: Cell = { v, ts, exp: v === null ? 0 : exp, ttl: v === null ? 0 : ttl };
      if (wins(c, row.cells[idx])) row.cells[idx] = c;
    }
  }

  /** Deletes some columns of one row (DELETE a, b FROM ...): tombstones for those cells. */
  deleteCells(pk: Buffer[], ck: Buffer[], cells: readonly number[], ts: number): void {
    this.write(
      pk,
      ck,
      false,
      cells.map((c) => [c, null] as const),
      ts,
      0,
      0,
    );
  }

  deleteRow(pk: Buffer[], ck: Buffer[], ts: number): void {
    const p = this.ensurePartition(pk);
    const i = this.lowerBound(p, ck);
    let row = i < p.rows.length && this.schema.compareClustering(p.rows[i].ck, ck) === 0 ? p.rows[i] : undefined;
    if (!row) {
      row = { ck, marker: null, cells: [], deletedAt: ts };
      p.rows.splice(i, 0, row);
      return;
    }
    if (ts > row.deletedAt) row.deletedAt = ts;
    shadowRow(row, row.deletedAt);
  }

  deletePartition(pk: Buffer[], ts: number): void {
    const p = this.ensurePartition(pk);
    if (ts > p.deletedAt) p.deletedAt = ts;
    let w = 0;
    for (const r of p.rows) {
      shadowRow(r, p.deletedAt);
      if (r.marker || r.cells.some((c) => c) || r.deletedAt > p.deletedAt) p.rows[w++] = r;
    }
    p.rows.length = w;
    p.ranges.splice(0, p.ranges.length, ...p.ranges.filter((r) => r.ts > p.deletedAt));
  }

  deleteRange(pk: Buffer[], range: RangeTombstone): void {
    const p = this.ensurePartition(pk);
    p.ranges.push(range);
    for (const r of p.rows) if (this.inRange(range, r.ck)) shadowRow(r, range.ts);
  }

  /** Drops expired cells and rows that hold nothing live any more. */
  purgeExpired(nowSec: number): void {
    for (const p of [...this.partitions.values()]) {
      let w = 0;
      for (const r of p.rows) {
        if (r.marker && r.marker.exp !== 0 && nowSec >= r.marker.exp) r.marker = null;
        for (let i = 0; i < r.cells.length; i++) {
          const c = r.cells[i];
          if (c && c.exp !== 0 && nowSec >= c.exp) r.cells[i] = undefined;
        }
        if (rowLive(r, nowSec) || r.deletedAt > -Infinity || r.cells.some((c) => c)) p.rows[w++] = r;
      }
      p.rows.length = w;
      if (w === 0 && p.deletedAt === -Infinity && p.ranges.length === 0) this.dropPartition(p);
    }
  }
}

const EMPTY = Buffer.alloc(0);

function shadowRow(r: Row, ts: number): void {
  if (r.marker && r.marker.ts <= ts) r.marker = null;
  for (let i = 0; i < r.cells.length; i++) {
    const c = r.cells[i];
    if (c && c.ts <= ts) r.cells[i] = undefined;
  }
}
