import type { RollupRecord, StorageSchema } from '../../series/types.js';
import { ByteWriter } from '../hot/chunk-codec.js';
import { RawHotChunk, RollupHotChunk, type HotChunk } from '../hot/hot-chunks.js';
import { HashIndex } from '../table/hash-index.js';
import type { SeriesState } from '../table/series-state.js';
import { readSchemaList, SchemaList } from './schema-list.js';
import { readVarint, writeVarint } from './varint.js';

/** The first byte of a hot snapshot (a series checkpoint starts with 2). */
export const HOT_SNAPSHOT_VERSION = 3;

/**
 * Past this a stop writes the series checkpoint instead (the next start replays the log): a
 * file must stay readable in one piece.
 */
export const MAX_HOT_SNAPSHOT_BYTES = 1.5 * 1024 ** 3;

const ROW_BYTES = 35;
const NO_ROW = -1;

/**
 * The hot snapshot: what a clean stop writes beside the write-ahead log so that the next start
 * restores its hot series instead of replaying the log (whose points it holds every one of: it
 * is written after the last append, and a start takes it only when the log is exactly as it was
 * left). A restart at a million hot series would otherwise re-route and re-encode every logged
 * point before answering.
 *
 * Layout: u8 version; the schemas (SchemaList); varint series count; per series a row of u32 hi,
 * u32 lo, u8 registered, u16 schema index, f64 persisted last write, f64 last write, u32 name
 * bytes, u32 chunk bytes; every name's UTF-8 bytes in the rows' order; then every series' chunks
 * in the rows' order: varint count, per chunk u8 resolution, f64 window start, varint first log
 * segment, f64 last touched, then
 *   raw (resolution 0): f64 held time (NaN: empty), f64 held value, u32 length and the bytes
 *     of a finished chunk of the points before the held one (length 0: none);
 *   rollup: f64 min time, f64 max time, varint record count, per record f64 time, sum, min, max,
 *     last, count.
 * The parts are written separately (rows and names, then chunks), so no copy joins them.
 */
export function encodeHotSnapshot(series: Iterable<SeriesState>, carried: HotSnapshot | null = null, maxBytes = MAX_HOT_SNAPSHOT_BYTES): Uint8Array[] | null {
  const schemas = new SchemaList();
  const list: SeriesState[] = [];
  // the chunk part's size, estimated so that its buffer is made once: at a million series each
  // doubling of it is a large allocation that sets off a full garbage collection of the heap
  let estimate = 1024;
  for (const s of series) {
    schemas.indexOf(s.schema);
    list.push(s);
    estimate += 8 + chunksEstimate(s);
  }
  const carriedRows = carried === null ? [] : carried.untakenRows();
  for (const row of carriedRows) {
    schemas.indexOf(carried!.schema(row));
    estimate += carried!.chunkBytes(row).length;
  }
  const chunks = new SnapshotBytes(Math.min(estimate, maxBytes + 1));
  const chunkEnds: number[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    writeChunks(chunks, list[i]);
    chunkEnds[i] = chunks.length;
    if (chunks.length > maxBytes) return null;
  }
  const names = Buffer.from(list.map((s) => s.name).join(''), 'utf8');
  const ascii = names.length === list.reduce((n, s) => n + s.name.length, 0);
  let carriedNameBytes = 0;
  for (const row of carriedRows) {
    carriedNameBytes += carried!.nameLength(row);
    const hot = carried!.chunkBytes(row);
    chunks.bytesOf(hot);
  }
  const n = list.length + carriedRows.length;
  const headBytes = 12 + schemas.maxBytes + n * ROW_BYTES + names.length + carriedNameBytes;
  if (headBytes + chunks.length > maxBytes) return null;

  const head = Buffer.allocUnsafe(headBytes);
  head[0] = HOT_SNAPSHOT_VERSION;
  let p = writeVarint(head, schemas.write(head, 1), n);
  let chunkStart = 0;
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    p = writeRow(head, p, s.hi, s.lo, s.registered, schemas.indexOf(s.schema), s.persistedLastWrite, s.lastWrite, ascii ? s.name.length : Buffer.byteLength(s.name, 'utf8'), chunkEnds[i] - chunkStart);
    chunkStart = chunkEnds[i];
  }
  for (const row of carriedRows) {
    const c = carried!;
    p = writeRow(head, p, c.hi(row), c.lo(row), c.registered(row), schemas.indexOf(c.schema(row)), c.persistedLastWrite(row), c.lastWrite(row), c.nameLength(row), c.chunkBytes(row).length);
  }
  p += names.copy(head, p);
  for (const row of carriedRows) p += carried!.copyName(row, head, p);
  return [head.subarray(0, p), chunks.written()];
}

function writeRow(out: Buffer, p: number, hi: number, lo: number, registered: boolean, schema: number, persistedLastWrite: number, lastWrite: number, nameBytes: number, chunkBytes: number): number {
  out.writeUInt32LE(hi >>> 0, p);
  out.writeUInt32LE(lo >>> 0, p + 4);
  out[p + 8] = registered ? 1 : 0;
  out.writeUInt16LE(schema, p + 9);
  out.writeDoubleLE(persistedLastWrite, p + 11);
  out.writeDoubleLE(lastWrite, p + 19);
  out.writeUInt32LE(nameBytes, p + 27);
  out.writeUInt32LE(chunkBytes, p + 31);
  return p + ROW_BYTES;
}

function chunksEstimate(s: SeriesState): number {
  let bytes = 0;
  for (const lv of s.levels) {
    if (lv === undefined) continue;
    for (const c of lv.flushing) bytes += chunkEstimate(c);
    for (const c of lv.hot) bytes += chunkEstimate(c);
  }
  return bytes;
}

function chunkEstimate(c: HotChunk): number {
  return 48 + (c instanceof RawHotChunk ? c.settledBytesEstimate : 16 + 48 * c.recordCount);
}

function writeChunks(out: SnapshotBytes, s: SeriesState): void {
  let count = 0;
  for (const lv of s.levels) if (lv !== undefined) count += lv.hot.length + lv.flushing.length;
  out.varint(count);
  for (let level = 0; level < s.levels.length; level++) {
    const lv = s.levels[level];
    if (lv === undefined) continue;
    // a chunk being flushed is not in the store yet as far as anyone knows: kept as hot
    for (const c of lv.flushing) writeChunk(out, level, c);
    for (const c of lv.hot) writeChunk(out, level, c);
  }
}

function writeChunk(out: SnapshotBytes, level: number, c: HotChunk): void {
  out.byte(level);
  out.f64(c.start);
  out.varint(c.firstSegment);
  out.f64(c.touched);
  if (c instanceof RawHotChunk) {
    out.f64(c.heldTime);
    out.f64(c.heldValue);
    const at = out.u32Placeholder();
    c.writeSettled(out);
    out.patchU32(at, out.length - at - 4);
    return;
  }
  out.f64(c.minTime);
  out.f64(c.maxTime);
  const records = [...c.entries()];
  out.varint(records.length);
  for (const [t, r] of records) {
    out.f64(t);
    out.f64(r.sum);
    out.f64(r.min);
    out.f64(r.max);
    out.f64(r.last);
    out.f64(r.count);
  }
}

/**
 * A decoded hot snapshot: its rows found by series hash, each restored once (`take`), on demand
 * or in the background. Nothing is made of a row until it is restored: opening one for a million
 * series costs a pass over fixed-size rows.
 */
export class HotSnapshot {
  private readonly byHash: HashIndex<number>;
  /** where each row's name and chunks start in `buf` */
  private readonly nameAt: Uint32Array;
  private readonly chunksAt: Uint32Array;
  private readonly taken: Uint8Array;
  private left: number;

  private constructor(
    private readonly buf: Buffer,
    private readonly schemas: readonly StorageSchema[],
    readonly count: number,
    private readonly rowsAt: number,
  ) {
    this.byHash = new HashIndex<number>(count * 2);
    this.nameAt = new Uint32Array(count);
    this.chunksAt = new Uint32Array(count);
    this.taken = new Uint8Array(count);
    this.left = count;
    let name = rowsAt + count * ROW_BYTES;
    let chunks = name;
    for (let row = 0, p = rowsAt; row < count; row++, p += ROW_BYTES) chunks += buf.readUInt32LE(p + 27);
    for (let row = 0, p = rowsAt; row < count; row++, p += ROW_BYTES) {
      this.byHash.set(buf.readUInt32LE(p), buf.readUInt32LE(p + 4), row);
      this.nameAt[row] = name;
      this.chunksAt[row] = chunks;
      name += buf.readUInt32LE(p + 27);
      chunks += buf.readUInt32LE(p + 31);
    }
    if (chunks !== buf.length) throw new Error(`hot snapshot of ${buf.length} bytes has rows for ${chunks}`);
  }

  /** The snapshot in these bytes; null when they are not one (a series checkpoint, another version). */
  static decode(bytes: Uint8Array): HotSnapshot | null {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buf.length < 1 || buf[0] !== HOT_SNAPSHOT_VERSION) return null;
    const pos = { p: 1 };
    const schemas = readSchemaList(buf, pos);
    const count = readVarint(buf, pos);
    return new HotSnapshot(buf, schemas, count, pos.p);
  }

  /** rows not taken yet */
  get remaining(): number {
    return this.left;
  }

  /** The row of this series hash, unless there is none or it was taken. */
  rowOf(hi: number, lo: number): number {
    const row = this.byHash.get(hi, lo);
    return row === undefined || this.taken[row] === 1 ? NO_ROW : row;
  }

  /** The first row at or after `from` not taken yet; `count` when there is none. */
  nextUntaken(from: number): number {
    let row = from;
    while (row < this.count && this.taken[row] === 1) row++;
    return row;
  }

  untakenRows(): number[] {
    const rows: number[] = [];
    for (let row = this.nextUntaken(0); row < this.count; row = this.nextUntaken(row + 1)) rows.push(row);
    return rows;
  }

  take(row: number): void {
    if (this.taken[row] === 1) return;
    this.taken[row] = 1;
    this.left--;
  }

  hi(row: number): number {
    return this.buf.readUInt32LE(this.rowsAt + row * ROW_BYTES);
  }

  lo(row: number): number {
    return this.buf.readUInt32LE(this.rowsAt + row * ROW_BYTES + 4);
  }

  registered(row: number): boolean {
    return this.buf[this.rowsAt + row * ROW_BYTES + 8] === 1;
  }

  schema(row: number): StorageSchema {
    return this.schemas[this.buf.readUInt16LE(this.rowsAt + row * ROW_BYTES + 9)];
  }

  persistedLastWrite(row: number): number {
    return this.buf.readDoubleLE(this.rowsAt + row * ROW_BYTES + 11);
  }

  lastWrite(row: number): number {
    return this.buf.readDoubleLE(this.rowsAt + row * ROW_BYTES + 19);
  }

  nameLength(row: number): number {
    return this.buf.readUInt32LE(this.rowsAt + row * ROW_BYTES + 27);
  }

  name(row: number): string {
    return this.buf.toString('utf8', this.nameAt[row], this.nameAt[row] + this.nameLength(row));
  }

  copyName(row: number, out: Buffer, at: number): number {
    return this.buf.copy(out, at, this.nameAt[row], this.nameAt[row] + this.nameLength(row));
  }

  chunkBytes(row: number): Uint8Array {
    const at = this.chunksAt[row];
    return this.buf.subarray(at, at + this.buf.readUInt32LE(this.rowsAt + row * ROW_BYTES + 31));
  }

  /** Gives `s` (the row's series, just made) the row's hot chunks; returns the points restored. */
  restoreChunks(row: number, s: SeriesState): number {
    const buf = this.buf;
    const pos = { p: this.chunksAt[row] };
    const spans = s.plan.spans;
    const retentions = s.plan.schema.retentions;
    let points = 0;
    for (let n = readVarint(buf, pos); n > 0; n--) {
      const level = buf[pos.p];
      const start = buf.readDoubleLE(pos.p + 1);
      pos.p += 9;
      const firstSegment = readVarint(buf, pos);
      const touched = buf.readDoubleLE(pos.p);
      pos.p += 8;
      const end = start + spans[level];
      const step = retentions[level].step;
      const lv = s.level(level);
      if (level === 0) {
        const heldTime = buf.readDoubleLE(pos.p);
        const heldValue = buf.readDoubleLE(pos.p + 8);
        pos.p += 16;
        const length = buf.readUInt32LE(pos.p);
        pos.p += 4;
        const settled = length === 0 ? null : buf.subarray(pos.p, pos.p + length);
        pos.p += length;
        const c = RawHotChunk.restored(start, end, step, firstSegment, touched, settled, heldTime, heldValue);
        points += c.count + (heldTime === heldTime ? 1 : 0);
        lv.hot = [...lv.hot, c];
        continue;
      }
      const c = new RollupHotChunk(start, end, step, firstSegment);
      c.touched = touched;
      const minTime = buf.readDoubleLE(pos.p);
      const maxTime = buf.readDoubleLE(pos.p + 8);
      pos.p += 16;
      for (let k = readVarint(buf, pos); k > 0; k--, pos.p += 48) {
        const record: RollupRecord = {
          sum: buf.readDoubleLE(pos.p + 8),
          min: buf.readDoubleLE(pos.p + 16),
          max: buf.readDoubleLE(pos.p + 24),
          last: buf.readDoubleLE(pos.p + 32),
          count: buf.readDoubleLE(pos.p + 40),
        };
        c.write(buf.readDoubleLE(pos.p), record);
        points++;
      }
      // the bounds of every time ever written, deletes included
      c.minTime = minTime;
      c.maxTime = maxTime;
      lv.hot = [...lv.hot, c];
    }
    return points;
  }
}

/** a float64 as its 8 bytes (little-endian on every platform Node runs on here) */
const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);

/**
 * The chunk part of a snapshot, whose size is not known ahead: the codec's writer, so that each
 * raw chunk is finished straight into it (a buffer per chunk would make a million allocations,
 * and the garbage collections they set off grow with the heap: tens of seconds at 1 M series).
 */
class SnapshotBytes extends ByteWriter {
  f64(x: number): void {
    this.ensure(8);
    F64[0] = x;
    this.bytes.set(F64_BYTES, this.length);
    this.length += 8;
  }

  bytesOf(src: Uint8Array): void {
    this.ensure(src.length);
    this.bytes.set(src, this.length);
    this.length += src.length;
  }

  /** four bytes to be filled by patchU32; returns where they are */
  u32Placeholder(): number {
    this.ensure(4);
    this.length += 4;
    return this.length - 4;
  }

  patchU32(at: number, n: number): void {
    const b = this.bytes;
    b[at] = n & 0xff;
    b[at + 1] = (n >>> 8) & 0xff;
    b[at + 2] = (n >>> 16) & 0xff;
    b[at + 3] = n >>> 24;
  }

  written(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}
