import type { EventLoopUtilization } from 'node:perf_hooks';

/** The event-loop time one batch of reads may take: about one slice (lib/work-slicer.ts). */
export const BATCH_MS = 10;

/**
 * What a series costs besides its points, in points: its store request and the buckets' setup.
 * Without it a batch of many short series would be sized as if they were free.
 */
export const SERIES_WEIGHT = 2_000;

/**
 * The most a batch reads, in weight (about points): 16 MB of buckets. However fast the reads
 * were measured, a batch never allocates more between two pauses, so the garbage collections
 * its allocations start stay small ones.
 */
export const MAX_BATCH_WEIGHT = 2_000_000;

/**
 * The first guess of the time a point costs (ms), before any batch is measured: on the slow
 * side, as the first reads of a process run code not yet optimised (a first batch sized at a
 * warm 50 ns a point took 74 ms cold). Batches grow as soon as the reads measure faster.
 */
export const FIRST_MS_PER_POINT = 250e-6;
/** Bounds of the learned rate, so one odd batch (a cache hit, a collection) cannot run away with it. */
const MIN_MS_PER_POINT = 1e-6;
const MAX_MS_PER_POINT = 1e-3;

/**
 * Sizes the batches of a planned read (SeriesReader.planMany's read) by measured time: a batch
 * takes as many series as fit in BATCH_MS at the cost per point the batches before took, so a
 * render of 2,000 short series reads a few hundred at a time and one of 40 series over 30 days
 * reads one or two at a time, pausing between batches either way. The cost is learned per
 * reader (each process reads with the same code and store), smoothed over the batches.
 */
export class BatchSizer {
  private msPerPoint: number;

  /** `firstMsPerPoint`: the guess before any batch is measured (tests start from a known one) */
  constructor(firstMsPerPoint = FIRST_MS_PER_POINT) {
    this.msPerPoint = firstMsPerPoint;
  }

  /** The weight of a series of `points` points (see SERIES_WEIGHT). */
  static weight(points: number): number {
    return points + SERIES_WEIGHT;
  }

  /**
   * How many of `weights` (per series, in read order) from index `from` the next batch reads:
   * at least one, more while they fit in BATCH_MS (and MAX_BATCH_WEIGHT).
   */
  next(weights: ArrayLike<number>, from: number): number {
    const fit = Math.min(MAX_BATCH_WEIGHT, BATCH_MS / this.msPerPoint);
    let sum = weights[from];
    let i = from + 1;
    while (i < weights.length && sum + weights[i] <= fit) sum += weights[i++];
    return i - from;
  }

  /** A batch of `weight` (the sum of its series' weights) held the loop `ms`. */
  took(weight: number, ms: number): void {
    if (!(weight > 0) || !(ms >= 0)) return;
    const rate = Math.min(MAX_MS_PER_POINT, Math.max(MIN_MS_PER_POINT, ms / weight));
    // a slower batch counts at once (the next must not overrun), a faster one half
    this.msPerPoint = rate > this.msPerPoint ? rate : (this.msPerPoint + rate) / 2;
  }

  /** the learned cost of a point, ms (for tests and diagnostics) */
  get costPerPoint(): number {
    return this.msPerPoint;
  }
}

/**
 * How long a batch held the event loop: its wall time less the time the loop sat idle meanwhile
 * (a remote store's round trip is waiting, not holding the loop). `before`: the loop's
 * utilization when the batch started (performance.eventLoopUtilization()). The loop's own
 * accounting, not process.cpuUsage(): getrusage sums every thread of the process, and took
 * 100 us a call in a busy server.
 */
export function heldMs(startedAt: number, before: EventLoopUtilization): number {
  const wall = performance.now() - startedAt;
  const elu = performance.eventLoopUtilization(before);
  // before the loop has started it reports nothing at all: then the wall time
  return elu.idle === 0 && elu.active === 0 ? wall : Math.min(wall, elu.active);
}
