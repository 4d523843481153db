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
    const windowPoints = typeof windowSize === 'string' ? Math.floor(previewSeconds / s.step) : Math.trunc(windowSize);
    const factor = xFilesFactor ?? s.xFilesFactor;
    const values = new Float64Array(Math.max(0, s.values.length - windowPoints));
    for (let i = windowPoints; i < s.values.length; i++) {
      const present = nonNull(s.values.subarray(i - windowPoints, i));
      values[i - windowPoints] = present.length > 0 && xff(present.length, windowPoints, factor) ? agg(present) : NaN;
    }
    return pyCopy(s, { name, start: s.start + previewSeconds, values, tags: { ...s.tags, [tagName]: sizeText } });
  });
}
