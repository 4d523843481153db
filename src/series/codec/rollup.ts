// PLACEHOLDER until the `codec` branch lands: the agreed API, uncompressed. Replaced on merge.
import type { RollupRecord } from '../types.js';

export class RollupChunkEncoder {
  private rows: number[][] = [];
  constructor(
    readonly windowStart: number,
    readonly step: number,
  ) {}
  append(ts: number, rec: RollupRecord): void {
    if (this.rows.length > 0 && ts <= this.rows[this.rows.length - 1][0]) throw new Error('timestamps must increase');
    this.rows.push([ts, rec.sum, rec.min, rec.max, rec.last, rec.count]);
  }
  get count(): number {
    return this.rows.length;
  }
  get lastTimestamp(): number {
    return this.rows.length ? this.rows[this.rows.length - 1][0] : NaN;
  }
  get byteLength(): number {
    return 16 + this.rows.length * 48;
  }
  finish(): Uint8Array {
    const out = new Float64Array(3 + this.rows.length * 6);
    out[0] = this.windowStart;
    out[1] = this.step;
    out[2] = this.rows.length;
    this.rows.forEach((r, i) => out.set(r, 3 + 6 * i));
    return new Uint8Array(out.buffer);
  }
  static resume(data: Uint8Array): RollupChunkEncoder {
    const f = new Float64Array(Uint8Array.from(data).buffer);
    const e = new RollupChunkEncoder(f[0], f[1]);
    for (let i = 0; i < f[2]; i++) e.rows.push(Array.from(f.subarray(3 + 6 * i, 9 + 6 * i)));
    return e;
  }
}

export function decodeRollup(data: Uint8Array) {
  const f = new Float64Array(Uint8Array.from(data).buffer);
  const count = f[2];
  const col = (k: number) => Float64Array.from({ length: count }, (_, i) => f[3 + 6 * i + k]);
  return { count, timestamps: col(0), sum: col(1), min: col(2), max: col(3), last: col(4), cnt: col(5) };
}
