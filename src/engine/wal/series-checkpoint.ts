import { AGGREGATION_METHODS, type StorageSchema } from '../../series/types.js';
import { HashIndex } from '../table/hash-index.js';
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
 * lookups. Layout: u8 version; varint schema count, per schema: u8 method, f64 xff, varint
 * retention count, (varint step, varint retention)*; varint series count, per series a row of
 * u32 hi, u32 lo, u8 registered, u16 schema index, f64 persisted last write, u32 name bytes;
 * then every name's UTF-8 bytes, in the rows' order.
 */
export function encodeSeriesCheckpoint(series: Iterable<CheckpointSeries>): Uint8Array {
  const schemaIndex = new Map<StorageSchema, number>();
  const schemas: StorageSchema[] = [];
  const rows: CheckpointSeries[] = [];
  const names: string[] = [];
  let chars = 0;
  for (const s of series) {
    if (!schemaIndex.has(s.schema)) {
      schemaIndex.set(s.schema, schemas.length);
      schemas.push(s.schema);
    }
    rows.push(s);
    names.push(s.name);
    chars += s.name.length;
  }
  if (schemas.length > 0xffff) throw new Error('more storage schemas than a series checkpoint holds');
  // one UTF-8 encoding for every name: a buffer per name would cost more than all the rest
  const blob = Buffer.from(names.join(''), 'utf8');
  const ascii = blob.length === chars;
  const out = Buffer.allocUnsafe(16 + schemas.reduce((n, sc) => n + 24 + 20 * sc.retentions.length, 0) + rows.length * ROW_BYTES + blob.length);
  out[0] = VERSION;
  let p = writeVarint(out, 1, schemas.length);
  for (const schema of schemas) {
    out[p++] = AGGREGATION_METHODS.indexOf(schema.aggregation);
    out.writeDoubleLE(schema.xFilesFactor, p);
    p = writeVarint(out, p + 8, schema.retentions.length);
    for (const r of schema.retentions) p = writeVarint(out, writeVarint(out, p, r.step), r.retention);
  }
  p = writeVarint(out, p, rows.length);
  for (const s of rows) {
    out.writeUInt32LE(s.hi >>> 0, p);
    out.writeUInt32LE(s.lo >>> 0, p + 4);
    out[p + 8] = s.registered ? 1 : 0;
    out.writeUInt16LE(schemaIndex.get(s.schema)!, p + 9);
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
  const schemas: StorageSchema[] = [];
  for (let i = readVarint(buf, pos); i > 0; i--) {
    const aggregation = AGGREGATION_METHODS[buf[pos.p++]];
    const xFilesFactor = buf.readDoubleLE(pos.p);
    pos.p += 8;
    const retentions = [];
    for (let k = readVarint(buf, pos); k > 0; k--) retentions.push({ step: readVarint(buf, pos), retention: readVarint(buf, pos) });
    schemas.push({ retentions, aggregation, xFilesFactor });
  }
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
