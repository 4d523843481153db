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

const VERSION = 1;

/**
 * The series checkpoint: written beside the write-ahead log by a clean stop, read by the next
 * start's replay (which then looks up in the registry only the series it does not list). A
 * restart after SIGTERM at a million hot series would otherwise begin with a million registry
 * lookups. Layout: u8 version; varint schema count, per schema: u8 method, f64 xff, varint
 * retention count, (varint step, varint retention)*; varint series count, per series: u32 hi,
 * u32 lo, u8 registered, varint schema index, f64 persisted last write, varint name bytes, name.
 */
export function encodeSeriesCheckpoint(series: Iterable<CheckpointSeries>): Uint8Array {
  const schemaIndex = new Map<StorageSchema, number>();
  const schemas: StorageSchema[] = [];
  const rows: CheckpointSeries[] = [];
  let bytes = 16;
  for (const s of series) {
    if (!schemaIndex.has(s.schema)) {
      schemaIndex.set(s.schema, schemas.length);
      schemas.push(s.schema);
      bytes += 24 + 20 * s.schema.retentions.length;
    }
    rows.push(s);
    bytes += 9 + 5 + 8 + 5 + s.name.length * 3;
  }
  const out = Buffer.allocUnsafe(bytes);
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
    p = writeVarint(out, p + 9, schemaIndex.get(s.schema)!);
    out.writeDoubleLE(s.persistedLastWrite, p);
    const name = Buffer.from(s.name, 'utf8');
    p = writeVarint(out, p + 8, name.length);
    name.copy(out, p);
    p += name.length;
  }
  return out.subarray(0, p);
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
  for (let i = 0; i < n; i++) {
    const hi = buf.readUInt32LE(pos.p);
    const lo = buf.readUInt32LE(pos.p + 4);
    const registered = buf[pos.p + 8] === 1;
    pos.p += 9;
    const schema = schemas[readVarint(buf, pos)];
    const persistedLastWrite = buf.readDoubleLE(pos.p);
    pos.p += 8;
    const len = readVarint(buf, pos);
    const name = buf.toString('utf8', pos.p, pos.p + len);
    pos.p += len;
    out.set(hi, lo, { hi, lo, name, schema, registered, persistedLastWrite });
  }
  return out;
}
