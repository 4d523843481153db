import type { Plotted } from './plotted.js';

/**
 * The range of the values a y axis must show (graphite-web's dataLimits): the smallest and
 * largest finite values of the series not drawn as infinite, (0, 1) when there is none; with
 * drawNullAsZero and a null somewhere, zero is in the range; stacked, the top is the largest sum
 * over the stored points (not the consolidated ones, as graphite-web) of the common length.
 */
export function dataLimits(data: readonly Plotted[], drawNullAsZero: boolean, stacked: boolean): { min: number; max: number } {
  const missingValues = data.some((p) => p.hasNull());
  const finite = data.filter((p) => !p.options.drawAsInfinite);
  let min = Infinity;
  let max = -Infinity;
  for (const p of finite) {
    const limits = p.valueLimits();
    if (limits.min < min) min = limits.min;
    if (limits.max > max) max = limits.max;
  }
  if (min === Infinity) return { min: 0, max: 1 };
  if (min > 0 && drawNullAsZero && missingValues) min = 0;
  if (stacked) {
    const length = Math.min(...finite.map((p) => p.raw.length));
    max = -Infinity;
    for (let i = 0; i < length; i++) {
      let sum = 0;
      for (const p of finite) {
        const v = p.raw[i];
        if (Number.isFinite(v)) sum += v;
      }
      if (sum > max) max = sum;
    }
    if (max === -Infinity) max = NaN;
  }
  if (max < 0 && drawNullAsZero && missingValues) max = 0;
  return { min, max };
}
