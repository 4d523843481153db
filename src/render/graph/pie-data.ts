import { InputError } from '../function-types.js';
import type { Series } from '../series.js';
import type { PieSlice } from './pie-graph.js';
import type { PieMode } from './request.js';

/**
 * The slices of a pie, target by target as graphite-web reads them: `name:value` is a slice
 * given outright; any other target is evaluated, and each of its series becomes a slice whose
 * value is the series' average, maximum or minimum (pieMode) of its non-null values, 0 when it
 * has none.
 */
export async function pieSlices(targets: readonly string[], mode: PieMode, evaluate: (target: string) => Promise<Series[]>): Promise<PieSlice[]> {
  const slices: PieSlice[] = [];
  for (const target of targets) {
    const colon = target.indexOf(':');
    if (colon >= 0) {
      const text = target.slice(colon + 1).trim();
      const value = Number(text);
      if (text === '' || Number.isNaN(value)) throw new InputError(`Invalid target '${target}'`);
      slices.push({ name: target.slice(0, colon), value });
      continue;
    }
    for (const s of await evaluate(target)) slices.push({ name: s.name, value: reduce(s.values, mode) });
  }
  return slices;
}

function reduce(values: Float64Array, mode: PieMode): number {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v !== v) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return 0;
  const value = mode === 'average' ? sum / n : mode === 'maximum' ? max : min;
  // graphite-web's `or 0`
  return value || 0;
}
