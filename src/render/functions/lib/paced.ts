/**
 * Per-point work over many series, shared with the rest of the process: between series (or
 * blocks of rows), once enough points have been worked through, the function pauses through
 * EvalContext.pause, which lets other requests run when the request's slice of the event loop
 * is spent and stops the work once the request is called off. Small work never awaits.
 */
import type { EvalContext } from '../../function-types.js';

/** Points worked through between two calls of ctx.pause (about a tenth of a slice of simple work). */
export const POINTS_PER_PAUSE = 100_000;

/** Work as a generator that yields, after each unit (a series, a block of rows), the points it worked through. */
export type PointWork<T> = Generator<number, T>;

/** Runs `work` to its end, pausing through `ctx` every POINTS_PER_PAUSE points or so. */
export async function runPaced<T>(ctx: Pick<EvalContext, 'pause'>, work: PointWork<T>): Promise<T> {
  let points = 0;
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    points += step.value;
    if (points >= POINTS_PER_PAUSE) {
      points = 0;
      await ctx.pause();
    }
  }
}

type Valued = { readonly values: ArrayLike<number> };

/** the work of a series: a step per point */
const pointsOf = (s: Valued) => s.values.length;

/** `fn` of each series, as work in steps for runPaced; `work` says what a series costs, in points. */
export function* eachSeries<S extends Valued, U>(list: readonly S[], fn: (s: S, i: number) => U, work: (s: S) => number = pointsOf): PointWork<U[]> {
  const out: U[] = [];
  for (let i = 0; i < list.length; i++) {
    out.push(fn(list[i], i));
    yield work(list[i]);
  }
  return out;
}

/** `fn` of each series, pausing between series when the work is large (runPaced). */
export function mapPaced<S extends Valued, U>(ctx: Pick<EvalContext, 'pause'>, list: readonly S[], fn: (s: S, i: number) => U, work: (s: S) => number = pointsOf): Promise<U[]> {
  return runPaced(ctx, eachSeries(list, fn, work));
}
