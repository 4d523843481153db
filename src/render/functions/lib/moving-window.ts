/**
 * graphite-web's movingWindow, behind movingAverage, movingSum and the other moving functions:
 * the input is read again from `windowSize` earlier (the refetch hook), and each output point
 * reduces the window of points before it (the point itself excluded) when enough of the window
 * is non-null.
 */
import { InputError, type CallRange, type EvalContext, type RefetchInput, type TimeRange } from '../../function-types.js';
import { mapPaced } from './paced.js';
import type { Series } from '../../series.js';
import { pyFloatRepr } from '../../../lib/python-format.js';
import { intervalSeconds } from './interval-arg.js';
import { getAggFunc, nonNull } from './safe.js';
import { pyCopy } from './series-ops.js';
import { xff } from './xff.js';

/**
 * How far before the request a window reaches back. An interval is its own length. A window of
 * points is graphite-web 1.1.8's `max([s.step for s in seriesList]) * int(windowSize)`: the
 * largest step of the argument as evaluated over the request's own range, times the points.
 * Only fetched data knows that step, so asking for it (input.maxStep) makes the planner leave
 * the call out and the evaluator plan the look-back once the argument is evaluated, as
 * graphite-web does. The look-back may reach into a coarser archive; graphite-web then still
 * takes `windowSize` points at the coarser step, and so do we, reading the same two ranges.
 */
export function lookBackSeconds(windowSize: number | string, input: RefetchInput): number {
  if (typeof windowSize === 'string') return Math.abs(intervalSeconds(windowSize, 'windowSize'));
  const step = input.maxStep();
  if (windowSize < 0 && step > 0) throw new InputError(`parameter "windowSize" must not be negative, got ${windowSize}`);
  return step * Math.trunc(windowSize);
}

/** the refetch hook of every moving-window function: the request's range, starting the look-back earlier */
export function movingWindowRange({ windowSize }: { readonly windowSize: number | string }, range: CallRange, input: RefetchInput): TimeRange[] {
  return [{ startTime: range.startTime - lookBackSeconds(windowSize, input), endTime: range.endTime }];
}

/**
 * The moving `func` over each series of `preview` (the input read with the look-back), named
 * and tagged as graphite-web names them; nothing when the input over the request's range is empty.
 */
export async function movingWindow(
  ctx: Pick<EvalContext, 'pause'>,
  seriesList: readonly Series[],
  preview: readonly Series[],
  windowSize: number | string,
  func: string,
  xFilesFactor?: number,
): Promise<Series[]> {
  if (seriesList.length === 0) return [];
  const previewSeconds = lookBackSeconds(windowSize, { maxStep: () => maxStep(seriesList) });
  const agg = getAggFunc(func);
  // Python's str.capitalize(): movingWindow(x, 5, "rangeOf") is movingRangeof(x,5)
  const tagName = `moving${func[0].toUpperCase()}${func.slice(1).toLowerCase()}`;
  const sizeText = typeof windowSize === 'string' ? windowSize : Number.isInteger(windowSize) ? String(windowSize) : pyFloatRepr(windowSize);

  // `| 0` keeps the loop indices small integers for V8 (a double index takes a slow path)
  const windowPointsOf = (s: Series) => (typeof windowSize === 'string' ? Math.floor(previewSeconds / s.step) : Math.trunc(windowSize)) | 0;
  // each output point reads its whole window
  const work = (s: Series) => s.values.length * Math.max(1, windowPointsOf(s));
  return mapPaced(ctx, preview, (s) => {
    const name = typeof windowSize === 'string' ? `${tagName}(${s.name},"${windowSize}")` : `${tagName}(${s.name},${sizeText})`;
    const windowPoints = windowPointsOf(s);
    const factor = xFilesFactor ?? s.xFilesFactor;
    const values = new Float64Array(Math.max(0, s.values.length - windowPoints));
    windowValues(s.values, windowPoints, func, agg, factor, values);
    return pyCopy(s, { name, start: s.start + previewSeconds, values, tags: { ...s.tags, [tagName]: sizeText } });
  }, work);
}

function maxStep(seriesList: readonly Series[]): number {
  let step = 0;
  for (const s of seriesList) step = Math.max(step, s.step);
  return step;
}

/**
 * out[i - w] from the w values before i. Sum and average read the window in place (Python's
 * sum over the non-null values, same additions in the same order); other functions get the
 * non-null values as a list.
 */
function windowValues(v: Float64Array, w: number, func: string, agg: (values: ArrayLike<number>) => number, factor: number, out: Float64Array): void {
  const mode = func === 'sum' ? 1 : func === 'average' ? 2 : 0;
  for (let i = w; i < v.length; i++) {
    let present = 0;
    let sum = 0;
    for (let j = i - w; j < i; j++) {
      const x = v[j];
      if (x === x) {
        present++;
        sum += x;
      }
    }
    let result = NaN;
    if (present > 0 && xff(present, w, factor)) {
      if (mode === 1) result = sum;
      else if (mode === 2) result = sum / present;
      else result = agg(nonNull(v.subarray(i - w, i)));
    }
    out[i - w] = result;
  }
}
