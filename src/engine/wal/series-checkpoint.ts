import type { StorageSchema } from '../../series/types.js';
import { HashIndex } from '../table/hash-index.js';
import { readSchemaList, SchemaList } from './schema-list.js';
import { readVarint, writeVarint } from './varint.js';

/** What a clean stop remembers of a series the log names, so the next start need not ask the registry. */
export interface CheckpointSeries {
  readonly hi: number;
  readonly lo: number;
  /** display name */
  readonly name: string;
  readonly schema: StorageSchema;
  readonly registered: boolean;
  readonly persistedLastWrite: number;
}

const VERSION = 2;

const ROW_BYTES = 23;

/**
 * The series checkpoint: written beside the write-ahead log by a clean stop, read by the next
 * start's replay (which then looks up in the registry only the series it does not list). A
 * restart after SIGTERM at a million hot series would otherwise begin with a million registry
 * lookups. Layout: u8 version; the schemas (SchemaList); varint series count, per series a row of
 * u32 hi, u32 lo, u8 registered, u16 schema index, f64 persisted last write, u32 name bytes;
 * then every name's UTF-8 bytes, in the rows' order.
 */
export function encodeSeriesCheckpoint(series: Iterable<CheckpointSeries>): Uint8Array {
  const schemas = new SchemaList();
  const rows: CheckpointSeries[] = [];
  const names: string[] = [];
  let chars = 0;
  for (const s of series) {
    schemas.indexOf(s.schema);
    rows.push(s);
    names.push(s.name);
    chars += s.name.length;
  }
  // one UTF-8 encoding for every name: a buffer per name would cost more than all the rest
  const blob = Buffer.from(names.join(''), 'utf8');
  const ascii = blob.length === chars;
  const out = Buffer.allocUnsafe(16 + schemas.maxBytes + rows.length * ROW_BYTES + blob.length);
  out[0] = VERSION;
  let p = schemas.write(out, 1);
  p = writeVarint(out, p, rows.length);
  for (const s of rows) {
    out.writeUInt32LE(s.hi >>> 0, p);
    out.writeUInt32LE(s.lo >>> 0, p + 4);
    out[p + 8] = s.registered ? 1 : 0;
    out.writeUInt16LE(schemas.indexOf(s.schema), p + 9);
    out.writeDoubleLE(s.persistedLastWrite, p + 11);
    out.writeUInt32LE(ascii ? s.name.length : Buffer.byteLength(s.name, 'utf8'), p + 19);
    p += ROW_BYTES;
  }
  blob.copy(out, p);
  return out.subarray(0, p + blob.length);
}

/** The checkpoint's series by hash; null when it is not one this version can read. */
export function decodeSeriesCheckpoint(bytes: Uint8Array): HashIndex<CheckpointSeries> | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 1 || buf[0] !== VERSION) return null;
  const pos = { p: 1 };
  const schemas = readSchemaList(buf, pos);
  const n = readVarint(buf, pos);
  const out = new HashIndex<CheckpointSeries>(n * 2);
  let name = pos.p + n * ROW_BYTES;
  for (let i = 0, p = pos.p; i < n; i++, p += ROW_BYTES) {
    const hi = buf.readUInt32LE(p);
    const lo = buf.readUInt32LE(p + 4);
    const len = buf.readUInt32LE(p + 19);
    out.set(hi, lo, {
      hi,
      lo,
      name: buf.toString('utf8', name, name + len),
      schema: schemas[buf.readUInt16LE(p + 9)],
      registered: buf[p + 8] === 1,
      persistedLastWrite: buf.readDoubleLE(p + 11),
    });
    name += len;
  }
  return out;
}
