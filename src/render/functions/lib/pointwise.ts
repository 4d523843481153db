/**
 * Functions that replace every point by a function of that point alone (exp, invert, logit,
 * sigmoid, squareRoot, pow, ...). graphite-web edits such series in place: the name becomes
 * `func(<name>)` (pathExpression too), one tag is added, everything else stays.
 */
import { defineFunction, type RenderFunction } from '../../function-types.js';
import type { Series } from '../../series.js';
import { SERIES_LIST } from './params.js';
import { mapValues } from './series-ops.js';
import { mapPaced } from './paced.js';

/** The series renamed (pathExpression too), tagged `tag` when given, each value through `fn` (null in, whatever `fn` says out). */
export function transformed(s: Series, name: string, tag: readonly [string, string] | null, fn: (v: number) => number): Series {
  const tags = tag ? { ...s.tags, [tag[0]]: tag[1] } : { ...s.tags };
  return s.copy({ name, pathExpression: name, values: mapValues(s.values, fn), tags });
}

/**
 * A Transform function of the series list alone, `name(series)`, tagged `name=tagValue`, each
 * point through `fn` (which receives NaN for a null and answers NaN for a null).
 */
export function pointwiseFunction(name: string, description: string, tagValue: string, fn: (v: number) => number): RenderFunction {
  return defineFunction({
    name,
    group: 'Transform',
    description,
    params: [SERIES_LIST],
    run: (ctx, { seriesList }) => mapPaced(ctx, seriesList, (s) => transformed(s, `${name}(${s.name})`, [name, tagValue], fn)),
  });
}

/**
 * Python's `math.pow(a, b)` as graphite-web's safePow uses it: a domain error (a negative base
 * to a fractional power, zero to a negative power) or an overflow of finite inputs is None.
 * Where JavaScript's Math.pow and C's pow part (a base of ±1 to an infinite power) C's answer.
 */
export function safePow(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  if (a === 1 || (a === -1 && !Number.isFinite(b))) return 1;
  if (a === 0 && b < 0 && Number.isFinite(b)) return NaN;
  const r = Math.pow(a, b);
  if (r !== r) return NaN;
  if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b)) return NaN;
  return r;
}
