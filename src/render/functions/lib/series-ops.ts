/** Series edits with graphite-web's side effects on names, pathExpressions and tags. */
import { Series } from '../../series.js';

/**
 * graphite-web's TimeSeries.copy: same consolidation function, tags and xFilesFactor; the
 * pathExpression becomes the (new) name and valuesPerPoint starts again at 1.
 */
export function pyCopy(s: Series, changes: { name?: string; start?: number; end?: number; step?: number; values: Float64Array; tags?: Record<string, string> }): Series {
  const name = changes.name ?? s.name;
  return new Series(name, changes.start ?? s.start, changes.end ?? s.end, changes.step ?? s.step, changes.values, {
    pathExpression: name,
    tags: changes.tags ?? { ...s.tags },
    consolidationFunc: s.consolidationFunc,
    xFilesFactor: s.xFilesFactor,
  });
}

/** the series with one more tag (tag values are strings, as graphite-web's Tags stores them) */
export function withTag(s: Series, key: string, value: string): Record<string, string> {
  return { ...s.tags, [key]: value };
}

/** A new series from old values edited one by one (NaN in, NaN out unless `fn` decides otherwise). */
export function mapValues(values: Float64Array, fn: (v: number, i: number) => number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = fn(values[i], i);
  return out;
}
