import { InputError, type EvalContext } from '../../function-types.js';
import { Series } from '../../series.js';

/**
 * A series made from the request's range alone (time(), sin()): one point every `step` seconds
 * from the start of the range while before its end, each `valueAt(timestamp)`, named `name`
 * (tags parsed from it). graphite-web never stops on a step of zero or less; here it is a 400.
 */
export function generatedSeries(ctx: EvalContext, func: string, name: string, step: number, valueAt: (t: number) => number): Series {
  if (step <= 0) throw new InputError(`${func}: step must be a positive number of seconds, got ${step}`);
  const start = Math.trunc(ctx.startTime);
  const end = Math.trunc(ctx.endTime);
  const count = end > start ? Math.ceil((end - start) / step) : 0;
  ctx.countPoints(count);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = valueAt(start + i * step);
  return new Series(name, start, end, step, values, { xFilesFactor: ctx.xFilesFactor });
}
