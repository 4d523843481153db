import { AGGREGATION_METHODS, type StorageSchema } from '../../series/types.js';
import { readVarint, writeVarint } from './varint.js';

/**
 * The storage schemas a stop's sidecar refers to by index (the series checkpoint, the hot
 * snapshot): varint count, per schema u8 method, f64 xff, varint retention count, then
 * (varint step, varint retention) per retention.
 */
export class SchemaList {
  private readonly index = new Map<StorageSchema, number>();
  readonly schemas: StorageSchema[] = [];

  /** the schema's index in the list, added when new */
  indexOf(schema: StorageSchema): number {
    let i = this.index.get(schema);
    if (i === undefined) {
      i = this.schemas.length;
      if (i === 0xffff) throw new Error('more storage schemas than a stop sidecar holds');
      this.index.set(schema, i);
      this.schemas.push(schema);
    }
    return i;
  }

  /** bytes write() takes at most */
  get maxBytes(): number {
    return 10 + this.schemas.reduce((n, sc) => n + 24 + 20 * sc.retentions.length, 0);
  }

  write(out: Buffer, p: number): number {
    p = writeVarint(out, p, this.schemas.length);
    for (const schema of this.schemas) {
      out[p++] = AGGREGATION_METHODS.indexOf(schema.aggregation);
      out.writeDoubleLE(schema.xFilesFactor, p);
      p = writeVarint(out, p + 8, schema.retentions.length);
      for (const r of schema.retentions) p = writeVarint(out, writeVarint(out, p, r.step), r.retention);
    }
    return p;
  }
}

/** The schemas SchemaList.write() wrote, in order. */
export function readSchemaList(buf: Buffer, pos: { p: number }): StorageSchema[] {
  const schemas: StorageSchema[] = [];
  for (let i = readVarint(buf, pos); i > 0; i--) {
    const aggregation = AGGREGATION_METHODS[buf[pos.p++]];
    const xFilesFactor = buf.readDoubleLE(pos.p);
    pos.p += 8;
    const retentions = [];
    for (let k = readVarint(buf, pos); k > 0; k--) retentions.push({ step: readVarint(buf, pos), retention: readVarint(buf, pos) });
    schemas.push({ retentions, aggregation, xFilesFactor });
  }
  return schemas;
}
