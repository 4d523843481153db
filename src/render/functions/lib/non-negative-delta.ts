/**
 * graphite-web's _nonNegativeDelta: the growth of a counter since the previous reading, with
 * wrap-around at maxValue (or to minValue) when given, else null when the counter went down.
 * Returns the delta and the reading to compare the next one with.
 */
export function nonNegativeDelta(val: number, prev: number, maxValue?: number, minValue?: number): [number, number] {
  if (val !== val) return [NaN, NaN];
  if (maxValue !== undefined && val > maxValue) return [NaN, NaN];
  if (minValue !== undefined && val < minValue) return [NaN, NaN];
  if (prev !== prev) return [NaN, val];
  if (val >= prev) return [val - prev, val];
  if (maxValue !== undefined) return [maxValue + 1 + val - prev - (minValue ?? 0), val];
  if (minValue !== undefined) return [val - minValue, val];
  return [NaN, val];
}
