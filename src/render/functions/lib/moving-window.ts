/**
 * graphite-web's movingWindow, behind movingAverage and movingSum: the input is fetched again
 * from `windowSize` earlier, and each output point reduces the window of points before it
 * (the point itself excluded) when enough of the window is non-null.
 */
import { InputError, type EvalContext } from '../../function-types.js';
import type { Series } from '../../series.js';
import { pyFloatRepr } from '../../../lib/python-format.js';
import { intervalSeconds } from './interval-arg.js';
import { evaluateInputAgain } from './refetch.js';
import { getAggFunc, nonNull } from './safe.js';
import { pyCopy } from './series-ops.js';
import { xff } from './xff.js';

export async function movingWindow(ctx: EvalContext, seriesList: Series[], windowSize: number | string, func: string, xFilesFactor?: number): Promise<Series[]> {
  if (seriesList.length === 0) return [];
  let previewSeconds: number;
  if (typeof windowSize === 'string') {
    previewSeconds = Math.abs(intervalSeconds(windowSize, 'windowSize'));
  } else {
    if (windowSize < 0) throw new InputError(`parameter "windowSize" must not be negative, got ${windowSize}`);
    let maxStep = 0;
    for (const s of seriesList) maxStep = Math.max(maxStep, s.step);
    previewSeconds = maxStep * Math.trunc(windowSize);
  }
  const agg = getAggFunc(func);
  const preview = await evaluateInputAgain(ctx, seriesList, { startTime: ctx.startTime - previewSeconds });
  const tagName = `moving${func[0].toUpperCase()}${func.slice(1)}`;
  const sizeText = typeof windowSize === 'string' ? windowSize : Number.isInteger(windowSize) ? String(windowSize) : pyFloatRepr(windowSize);

  return preview.map((s) => {
    const name = typeof windowSize === 'string' ? `${tagName}(${s.name},"${windowSize}")` : `${tagName}(${s.name},${sizeText})`;
    // `| 0` keeps the loop indices small integers for V8 (a double index takes a slow path)
    const windowPoints = (typeof windowSize === 'string' ? Math.floor(previewSeconds / s.step) : Math.trunc(windowSize)) | 0;
    const factor = xFilesFactor ?? s.xFilesFactor;
    const values = new Float64Array(Math.max(0, s.values.length - windowPoints));
    windowValues(s.values, windowPoints, func, agg, factor, values);
    return pyCopy(s, { name, start: s.start + previewSeconds, values, tags: { ...s.tags, [tagName]: sizeText } });
  });
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
