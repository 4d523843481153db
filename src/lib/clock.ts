/**
 * Where "now" comes from. Everything that ages data (retention choice on ingest, expiry,
 * flushing, self-metrics) asks a Clock rather than Date.now(), so tests can pin time to the
 * moment golden fixtures were captured.
 */
export interface Clock {
  /** whole seconds since the epoch */
  nowSeconds(): number;
  /** milliseconds since the epoch */
  nowMs(): number;
}

export const systemClock: Clock = {
  nowSeconds: () => Math.floor(Date.now() / 1000),
  nowMs: () => Date.now(),
};

/** A clock that stands still until moved; for tests. */
export class ManualClock implements Clock {
  constructor(private ms: number) {}
  nowSeconds(): number {
    return Math.floor(this.ms / 1000);
  }
  nowMs(): number {
    return this.ms;
  }
  set(seconds: number): void {
    this.ms = seconds * 1000;
  }
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}
