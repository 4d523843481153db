import type { Retention } from '../../series/types.js';

/** A chunk covers at least this long and this many points of its resolution. */
const MIN_SPAN_SECONDS = 7200;
const MIN_SPAN_POINTS = 720;
/**
 * Rollup chunks are rewritten whole each time a finer window flushes into them, so they are
 * kept shorter (fewer buckets re-encoded per flush) at the cost of more chunks per long read.
 */
const MIN_ROLLUP_SPAN_POINTS = 144;
/** How much longer than its minimum a window may grow so coarser buckets do not straddle windows. */
const MAX_ALIGNMENT_GROWTH = 8;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The window span of each resolution of a schema. Windows are epoch-aligned multiples of the
 * span. Where practical the span is a multiple of every coarser step, so a coarse bucket is
 * computed from one finer window; when that would make windows too long, coarse buckets
 * straddle windows, which the engine handles too (it reads finer data by time range).
 */
export function windowSpans(retentions: readonly Retention[]): number[] {
  return retentions.map((r, i) => {
    const points = i === 0 ? MIN_SPAN_POINTS : MIN_ROLLUP_SPAN_POINTS;
    const base = Math.ceil(Math.max(MIN_SPAN_SECONDS, r.step * points) / r.step) * r.step;
    // each step is a multiple of the finer ones, so aligning to a coarser step aligns to all
    // steps between: align to the coarsest one that keeps the window within its growth bound
    let span = base;
    let lcm = r.step;
    for (const coarser of retentions.slice(i + 1)) {
      lcm = (lcm / gcd(lcm, coarser.step)) * coarser.step;
      const aligned = Math.ceil(base / lcm) * lcm;
      if (aligned > base * MAX_ALIGNMENT_GROWTH) break;
      span = aligned;
    }
    return span;
  });
}

/** Start of the window of span `span` holding `t`. */
export function windowStart(t: number, span: number): number {
  return t - (((t % span) + span) % span);
}
