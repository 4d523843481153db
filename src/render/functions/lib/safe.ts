/**
 * graphite-web's None-aware arithmetic (functions/safe.py) and aggregation functions
 * (functions/aggfuncs.py). A None is NaN here; every function ignores it the way its Python
 * twin does and answers NaN where Python answers None.
 */
import { InputError } from '../../function-types.js';

export type AggFunc = (values: ArrayLike<number>) => number;

export function safeSum(values: ArrayLike<number>): number {
  let sum = 0;
  let any = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) {
      sum += v;
      any = true;
    }
  }
  return any ? sum : NaN;
}

/** the first value minus every following one */
export function safeDiff(values: ArrayLike<number>): number {
  let acc = NaN;
  let any = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (any) acc -= v;
    else {
      acc = v;
      any = true;
    }
  }
  return acc;
}

export function safeLen(values: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  return n;
}

export function safeDiv(a: number, b: number): number {
  if (a !== a) return NaN;
  if (b === 0 || b !== b) return NaN;
  return a / b;
}

/** the product, or None as soon as one factor is None */
export function safeMul(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  let product = values[0];
  if (product !== product) return NaN;
  for (let i = 1; i < values.length; i++) {
    const v = values[i];
    if (v !== v) return NaN;
    product *= v;
  }
  return product;
}

export function safeSubtract(a: number, b: number): number {
  return a - b;
}

export function safeAvg(values: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) {
      sum += v;
      n++;
    }
  }
  return n > 0 ? sum / n : NaN;
}

/** the average with each None counted as 0 */
export function safeAvgZero(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    sum += v === v ? v : 0;
  }
  return sum / values.length;
}

export function safeMedian(values: ArrayLike<number>): number {
  // a typed array sorts numerically without a comparator, several times faster on big rows
  const sorted = Float64Array.from(nonNull(values)).sort();
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 0 ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[mid];
}

/** population standard deviation */
export function safeStdDev(values: ArrayLike<number>): number {
  const avg = safeDiv(safeSum(values), safeLen(values));
  if (avg !== avg) return NaN;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) {
      sum = sum + (v - avg) * (v - avg);
      n++;
    }
  }
  return Math.sqrt(sum / n);
}

export function safeLast(values: ArrayLike<number>): number {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] === values[i]) return values[i];
  return NaN;
}

export function safeMin(values: ArrayLike<number>): number {
  let min = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v && !(v >= min)) min = v;
  }
  return min;
}

export function safeMax(values: ArrayLike<number>): number {
  let max = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v && !(v <= max)) max = v;
  }
  return max;
}

export function safeAbs(v: number): number {
  return Math.abs(v);
}

export function nonNull(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) out.push(values[i]);
  return out;
}

/** graphite-web's aggregation functions by name, then their aliases */
export const AGG_FUNCS: Readonly<Record<string, AggFunc>> = {
  average: safeAvg,
  avg_zero: safeAvgZero,
  median: safeMedian,
  sum: safeSum,
  min: safeMin,
  max: safeMax,
  diff: safeDiff,
  stddev: safeStdDev,
  count: safeLen,
  range: (row) => safeSubtract(safeMax(row), safeMin(row)),
  multiply: safeMul,
  last: safeLast,
};

export const AGG_FUNC_ALIASES: Readonly<Record<string, AggFunc>> = {
  rangeOf: AGG_FUNCS.range,
  avg: AGG_FUNCS.average,
  total: AGG_FUNCS.sum,
  current: AGG_FUNCS.last,
};

/** the names an `aggFunc` parameter accepts, in graphite-web's order: the keys of the two tables above */
export { AGG_FUNC_NAMES } from '../../function-params.js';

/** the aggregations that give a Python int from ints (range and multiply convert to float first) */
const INT_PRESERVING = new Set(['sum', 'total', 'min', 'max', 'last', 'current', 'diff']);

/**
 * Whether graphite-web's aggregation answers a Python int, which shows as `5`, not `5.0`, in
 * names: `count` always; over int values (countSeries' series) sums, differences and picks,
 * and a median of an odd number of values (an even one averages two).
 */
export function aggFuncAnswersInt(name: string, integralInput = false, values?: ArrayLike<number>): boolean {
  if (name === 'count') return true;
  if (!integralInput) return false;
  if (INT_PRESERVING.has(name)) return true;
  return name === 'median' && values !== undefined && safeLen(values) % 2 === 1;
}

export function getAggFunc(name: string, rawName?: string): AggFunc {
  if (Object.hasOwn(AGG_FUNCS, name)) return AGG_FUNCS[name];
  if (Object.hasOwn(AGG_FUNC_ALIASES, name)) return AGG_FUNC_ALIASES[name];
  throw new InputError(`Unsupported aggregation function: ${rawName ?? name}`);
}
