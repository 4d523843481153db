// PLACEHOLDER until the `codec` branch lands: the agreed API, uncompressed. Replaced on merge.
export class RawChunkEncoder {
  private ts: number[] = [];
  private vs: number[] = [];
  constructor(
    readonly windowStart: number,
    readonly step: number,
  ) {}
  append(ts: number, value: number): void {
    if (this.ts.length > 0 && ts <= this.ts[this.ts.length - 1]) throw new Error(`timestamp ${ts} not after ${this.ts[this.ts.length - 1]}`);
    this.ts.push(ts);
    this.vs.push(value);
  }
  get count(): number {
    return this.ts.length;
  }
  get lastTimestamp(): number {
    return this.ts.length ? this.ts[this.ts.length - 1] : NaN;
  }
  get byteLength(): number {
    return 16 + this.ts.length * 12;
  }
  finish(): Uint8Array {
    const out = new Float64Array(3 + this.ts.length * 2);
    out[0] = this.windowStart;
    out[1] = this.step;
    out[2] = this.ts.length;
    for (let i = 0; i < this.ts.length; i++) {
      out[3 + 2 * i] = this.ts[i];
      out[4 + 2 * i] = this.vs[i];
    }
    return new Uint8Array(out.buffer);
  }
  static resume(data: Uint8Array): RawChunkEncoder {
    const d = decodeRaw(data);
    const f = new Float64Array(Uint8Array.from(data).buffer);
    const e = new RawChunkEncoder(f[0], f[1]);
    for (let i = 0; i < d.count; i++) e.append(d.timestamps[i], d.values[i]);
    return e;
  }
}

export function decodeRaw(data: Uint8Array): { count: number; timestamps: Float64Array; values: Float64Array } {
  const f = new Float64Array(Uint8Array.from(data).buffer);
  const count = f[2];
  const timestamps = new Float64Array(count);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    timestamps[i] = f[3 + 2 * i];
    values[i] = f[4 + 2 * i];
  }
  return { count, timestamps, values };
}
