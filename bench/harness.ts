/**
 * The one benchmark format of the project. Each benchmark is a file bench/<name>.bench.ts that
 * exports `benchmark: Benchmark`, listed in bench/index.ts. `npm run bench` runs them all.
 */

/** One measured figure. Where a peer (graphite-web, go-carbon, ...) runs here, its value measured in the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  peer?: string;
  peerValue?: number;
  /** value / peerValue */
  ratio?: number;
}

export interface BenchContext {
  /** finish the whole suite in under a minute: smaller sizes, fewer rounds */
  readonly quick: boolean;
  log(message: string): void;
}

export interface Benchmark {
  readonly name: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}

export function figure(name: string, value: number, unit: string, peer?: { name: string; value: number }): Figure {
  return peer ? { name, value, unit, peer: peer.name, peerValue: peer.value, ratio: value / peer.value } : { name, value, unit };
}

/**
 * A figure beside a peer's figure quoted from elsewhere (an issue, a paper): the peer did not run
 * here, so the row names it as quoted and carries no ratio, which would compare two machines.
 */
export function figureBesideQuoted(name: string, value: number, unit: string, quoted: { name: string; value: number }): Figure {
  return { name, value, unit, peer: `${quoted.name} (quoted, not run here)`, peerValue: quoted.value };
}

/** Median and 99th percentile of a list of samples. */
export function percentiles(samples: readonly number[]): { median: number; p99: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return { median: at(0.5), p99: at(0.99) };
}

/** CPU seconds (user + system) this process spent while `fn` ran. */
export async function cpuSeconds<T>(fn: () => Promise<T> | T): Promise<{ result: T; cpu: number; wall: number }> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = await fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { result, cpu: (c.user + c.system) / 1e6, wall };
}
