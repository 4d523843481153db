import type { RequestContext } from '../../function-types.js';
import { Series } from '../../series.js';
import { at, longest, normalize } from './normalize.js';
import { safeDiv } from './safe.js';

/** One series divided by another point by point, both at their least common step: divideSeries' quotient. */
export function divideOne(ctx: Pick<RequestContext, 'xFilesFactor'>, dividend: Series, divisor: Series): Series {
  const n = normalize([[dividend, divisor]])!;
  const [a, b] = n.values;
  const len = longest(n.values);
  const values = new Float64Array(len);
  for (let i = 0; i < len; i++) values[i] = safeDiv(at(a, i), at(b, i));
  return new Series(`divideSeries(${dividend.name},${divisor.name})`, n.start, n.end, n.step, values, { xFilesFactor: ctx.xFilesFactor });
}
