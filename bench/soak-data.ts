/** What the soak benchmark's main thread and its client thread share. */

export interface SoakClientOptions {
  readonly http: string;
  readonly carbonPort: number;
  readonly durationMs: number;
  readonly hosts: number;
  readonly metricsPerHost: number;
  /** points per second written over carbon */
  readonly pointsPerSecond: number;
  readonly dashboards: number;
  /** ms between two hostile requests */
  readonly hostileEveryMs: number;
}

/** One answer (or failure) of one request. */
export interface SoakSample {
  readonly kind: string;
  readonly at: number;
  readonly ms: number;
  readonly ok: boolean;
  readonly status: number;
  readonly error?: string;
}

export function soakMetric(host: number, metric: number): string {
  return `soak.host${String(host).padStart(3, '0')}.cpu.m${String(metric).padStart(2, '0')}`;
}

