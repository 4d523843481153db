import { AGGREGATION_METHODS, type StorageSchema } from '../../series/types.js';
import { readVarint, writeVarint } from './varint.js';

/** first byte of a batch of points */
const VERSION = 1;
/** first byte of a record of removed series (tombstones) */
const TOMBSTONES = 2;
const FLAG_DEFINITION = 1;
const INITIAL_BYTES = 64 * 1024;
/** a double's bytes, little-endian on every platform Node runs on that carbyne targets */
const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('carbyne needs a little-endian machine');

/** What a batch needs to know of a series; SeriesState carries these fields. */
export interface WalSeries {
  /** the 64-bit series hash as two unsigned 32-bit halves */
  readonly hi: number;
  readonly lo: number;
  /** display name: the path, or `name;k=v;...` with tags sorted */
  readonly name: string;
  readonly schema: StorageSchema;
  /** true once the series registry durably holds it; until then each batch repeats its definition */
  registered: boolean;
  /** which batch last gave the series an index, and that index */
  batchEpoch: number;
  batchIndex: number;
  /** its definition record, encoded once while batches repeat it */
  walDefinition: Uint8Array | null;
}

export interface WalDefinition {
  readonly name: string;
  readonly schema: StorageSchema;
}

/**
 * One commit's worth of accepted points, as one write-ahead log record:
 *
 *   u8 version, f64 now, varint seriesCount, per series: u32 hi, u32 lo, u8 flags;
 *   per series flagged as defined, in order: varint nameBytes, name, u8 method, f64 xff,
 *     varint retentionCount, (varint step, varint retention)*;
 *   then until the end, per point: varint seriesIndex, zigzag varint (timestamp - now), f64 value.
 *
 * `now` is kept so replay routes every point to the resolution it went to when it was accepted.
 * Points name their series by an index into the batch's own table, so a point costs ~11 bytes;
 * the table carries the name and schema of series the registry may not hold yet.
 */
export class WalBatchWriter {
  private buf = Buffer.allocUnsafe(INITIAL_BYTES);
  private out = Buffer.allocUnsafe(INITIAL_BYTES);
  private len = 0;
  private series: WalSeries[] = [];
  private epoch = 1;
  private batchNow = NaN;

  get isEmpty(): boolean {
    return this.series.length === 0;
  }

  get byteLength(): number {
    return this.len;
  }

  /** Adds a point; `now` is the engine's now when it was accepted (the first of a batch is kept). */
  point(s: WalSeries, timestamp: number, value: number, now: number): void {
    if (this.batchNow !== this.batchNow) this.batchNow = now;
    if (s.batchEpoch !== this.epoch) {
      s.batchEpoch = this.epoch;
      s.batchIndex = this.series.length;
      this.series.push(s);
    }
    if (this.len + 30 > this.buf.length) this.grow(this.len + 30);
    const buf = this.buf;
    let p = this.len;
    // the ingest hot path: small varints inline, the double copied through a shared view
    let idx = s.batchIndex;
    while (idx >= 0x80) {
      buf[p++] = (idx & 0x7f) | 0x80;
      idx >>>= 7;
    }
    buf[p++] = idx;
    const dt = timestamp - this.batchNow;
    if (dt >= -0x3fffffff && dt <= 0x3fffffff) {
      let z = dt >= 0 ? dt * 2 : -dt * 2 - 1;
      while (z >= 0x80) {
        buf[p++] = (z & 0x7f) | 0x80;
        z >>>= 7;
      }
      buf[p++] = z;
    } else p = writeVarint(buf, p, zigzag(dt));
    F64[0] = value;
    buf[p] = F64_BYTES[0];
    buf[p + 1] = F64_BYTES[1];
    buf[p + 2] = F64_BYTES[2];
    buf[p + 3] = F64_BYTES[3];
    buf[p + 4] = F64_BYTES[4];
    buf[p + 5] = F64_BYTES[5];
    buf[p + 6] = F64_BYTES[6];
    buf[p + 7] = F64_BYTES[7];
    this.len = p + 8;
  }

  /**
   * The record for the points added since the last take, and a fresh batch. The bytes are a
   * view of a buffer reused by the next take: append them to the log before taking again.
   */
  take(): Uint8Array {
    const n = this.series.length;
    const defs: Uint8Array[] = [];
    let defBytes = 0;
    for (const s of this.series) {
      if (s.registered) s.walDefinition = null;
      else {
        const d = (s.walDefinition ??= encodeDefinition(s));
        defs.push(d);
        defBytes += d.length;
      }
    }
    const size = 1 + 8 + 10 + n * 9 + defBytes + this.len;
    if (this.out.length < size) this.out = Buffer.allocUnsafe(Math.max(size, this.out.length * 2));
    const out = this.out;
    out[0] = VERSION;
    out.writeDoubleLE(this.batchNow, 1);
    let h = writeVarint(out, 9, n);
    // a table row per series of the batch: bytes stored directly (Buffer's helpers check each call)
    for (const s of this.series) {
      const hi = s.hi;
      const lo = s.lo;
      out[h] = hi;
      out[h + 1] = hi >>> 8;
      out[h + 2] = hi >>> 16;
      out[h + 3] = hi >>> 24;
      out[h + 4] = lo;
      out[h + 5] = lo >>> 8;
      out[h + 6] = lo >>> 16;
      out[h + 7] = lo >>> 24;
      out[h + 8] = s.registered ? 0 : FLAG_DEFINITION;
      h += 9;
    }
    for (const d of defs) {
      out.set(d, h);
      h += d.length;
    }
    out.set(this.buf.subarray(0, this.len), h);
    h += this.len;
    this.series = [];
    this.len = 0;
    this.epoch++;
    this.batchNow = NaN;
    return out.subarray(0, h);
  }

  private grow(min: number): void {
    const next = Buffer.allocUnsafe(Math.max(min, this.buf.length * 2));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
}

function encodeDefinition(s: WalSeries): Buffer {
  const name = Buffer.from(s.name, 'utf8');
  const out = Buffer.allocUnsafe(10 + name.length + 1 + 8 + 10 + s.schema.retentions.length * 20);
  let p = writeVarint(out, 0, name.length);
  name.copy(out, p);
  p += name.length;
  out[p++] = AGGREGATION_METHODS.indexOf(s.schema.aggregation);
  out.writeDoubleLE(s.schema.xFilesFactor, p);
  p += 8;
  p = writeVarint(out, p, s.schema.retentions.length);
  for (const r of s.schema.retentions) {
    p = writeVarint(out, p, r.step);
    p = writeVarint(out, p, r.retention);
  }
  return out.subarray(0, p);
}

/** A series removed (deleted, or expired as dead): the log's points of it before this record are void. */
export interface WalTombstone {
  readonly hi: number;
  readonly lo: number;
  /** display name, so a replay can finish the removal in the index too */
  readonly name: string;
}

/**
 * A record of removed series: u8 2, varint count, per series: u32 hi, u32 lo, varint
 * nameBytes, name. Appended before the removal starts, so a replay after a crash finishes it
 * and never brings back points the log holds from before it.
 */
export function encodeTombstones(series: readonly WalTombstone[]): Uint8Array {
  const names = series.map((t) => Buffer.from(t.name, 'utf8'));
  const out = Buffer.allocUnsafe(1 + 10 + names.reduce((n, b) => n + 8 + 10 + b.length, 0));
  out[0] = TOMBSTONES;
  let p = writeVarint(out, 1, series.length);
  series.forEach((t, i) => {
    out.writeUInt32LE(t.hi >>> 0, p);
    out.writeUInt32LE(t.lo >>> 0, p + 4);
    p = writeVarint(out, p + 8, names[i].length);
    names[i].copy(out, p);
    p += names[i].length;
  });
  return out.subarray(0, p);
}

/** Whether a log record is a tombstone record (else a batch of points). */
export function isTombstoneRecord(payload: Uint8Array): boolean {
  return payload[0] === TOMBSTONES;
}

export function decodeTombstones(payload: Uint8Array): WalTombstone[] {
  const buf = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  if (buf[0] !== TOMBSTONES) throw new Error(`not a write-ahead log tombstone record (${buf[0]})`);
  const pos = { p: 1 };
  const n = readVarint(buf, pos);
  const out: WalTombstone[] = [];
  for (let i = 0; i < n; i++) {
    const hi = buf.readUInt32LE(pos.p);
    const lo = buf.readUInt32LE(pos.p + 4);
    pos.p += 8;
    const len = readVarint(buf, pos);
    out.push({ hi, lo, name: buf.toString('utf8', pos.p, pos.p + len) });
    pos.p += len;
  }
  return out;
}

/**
 * A batch record read in place: its series table is not turned into objects (a replay reads
 * millions of rows), only the definitions, and those only when asked for.
 */
export interface DecodedBatch {
  readonly now: number;
  /** rows of the series table */
  readonly count: number;
  /** the unsigned halves of row i's 64-bit series hash */
  hi(i: number): number;
  lo(i: number): number;
  /** row i's definition, when the batch carries one for it */
  definition(i: number): WalDefinition | null;
  /** calls `fn` for each point, in the order they were accepted */
  points(fn: (seriesIndex: number, timestamp: number, value: number) => void): void;
}

const ROW_BYTES = 9;

export function decodeWalBatch(payload: Uint8Array): DecodedBatch {
  const buf = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  if (buf[0] !== VERSION) throw new Error(`unknown write-ahead log batch version ${buf[0]}`);
  const now = buf.readDoubleLE(1);
  const pos = { p: 9 };
  const n = readVarint(buf, pos);
  const tableStart = pos.p;
  if (tableStart + n * ROW_BYTES > buf.length) throw new Error('write-ahead log batch ends inside its series table');
  // definitions follow the table, in row order, for the rows flagged as defined; they are only
  // skipped over (their offsets noted) until one is asked for
  let offsets: Int32Array | null = null;
  let pointsStart = -1;
  const locate = () => {
    offsets = new Int32Array(n).fill(-1);
    const q = { p: tableStart + n * ROW_BYTES };
    for (let i = 0; i < n; i++) {
      if ((buf[tableStart + i * ROW_BYTES + 8] & FLAG_DEFINITION) === 0) continue;
      offsets[i] = q.p;
      skipDefinition(buf, q);
    }
    pointsStart = q.p;
    return offsets;
  };
  const u32 = (at: number) => (buf[at] | (buf[at + 1] << 8) | (buf[at + 2] << 16) | (buf[at + 3] << 24)) >>> 0;
  return {
    now,
    count: n,
    hi: (i) => u32(tableStart + i * ROW_BYTES),
    lo: (i) => u32(tableStart + i * ROW_BYTES + 4),
    definition(i) {
      const at = (offsets ?? locate())[i];
      return at < 0 ? null : decodeDefinition(buf, { p: at });
    },
    points(fn) {
      if (pointsStart < 0) locate();
      const q = { p: pointsStart };
      while (q.p < buf.length) {
        const idx = readVarint(buf, q);
        const ts = unzigzag(readVarint(buf, q)) + now;
        const value = buf.readDoubleLE(q.p);
        q.p += 8;
        if (idx >= n) throw new Error(`write-ahead log batch names series #${idx} of ${n}`);
        fn(idx, ts, value);
      }
    },
  };
}

/** Moves `pos` past one definition without decoding it. */
function skipDefinition(buf: Buffer, pos: { p: number }): void {
  const nameLength = readVarint(buf, pos);
  pos.p += nameLength;
  if (AGGREGATION_METHODS[buf[pos.p++]] === undefined) throw new Error('write-ahead log definition has an unknown aggregation method');
  pos.p += 8;
  for (let i = readVarint(buf, pos) * 2; i > 0; i--) readVarint(buf, pos);
}

function decodeDefinition(buf: Buffer, pos: { p: number }): WalDefinition {
  const nameLength = readVarint(buf, pos);
  const name = buf.toString('utf8', pos.p, pos.p + nameLength);
  pos.p += nameLength;
  const aggregation = AGGREGATION_METHODS[buf[pos.p++]];
  if (aggregation === undefined) throw new Error('write-ahead log definition has an unknown aggregation method');
  const xFilesFactor = buf.readDoubleLE(pos.p);
  pos.p += 8;
  const count = readVarint(buf, pos);
  const retentions = [];
  for (let i = 0; i < count; i++) {
    const step = readVarint(buf, pos);
    const retention = readVarint(buf, pos);
    retentions.push({ step, retention });
  }
  return { name, schema: { retentions, aggregation, xFilesFactor } };
}

function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

function unzigzag(n: number): number {
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}
