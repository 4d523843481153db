import type { Retention } from '../../series/types.js';

/** A chunk covers at least this long and this many points of its resolution. */
const MIN_SPAN_SECONDS = 7200;
const MIN_SPAN_POINTS = 720;
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
    const base = Math.ceil(Math.max(MIN_SPAN_SECONDS, r.step * MIN_SPAN_POINTS) / r.step) * r.step;
    let lcm = r.step;
    for (const coarser of retentions.slice(i + 1)) lcm = (lcm / gcd(lcm, coarser.step)) * coarser.step;
    const aligned = Math.ceil(base / lcm) * lcm;
    return aligned <= base * MAX_ALIGNMENT_GROWTH ? aligned : base;
  });
}

/** Start of the window of span `span` holding `t`. */
export function windowStart(t: number, span: number): number {
  return t - (((t % span) + span) % span);
}
