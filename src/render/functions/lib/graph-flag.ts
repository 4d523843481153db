import type { Series } from '../../series.js';

/**
 * graphite-web's drawAsInfinite and secondYAxis, in place: the drawing option set, a tag of the
 * same name ("1") and the series renamed `flag(name)` (its pathExpression kept).
 */
export function flagSeries(seriesList: Series[], flag: 'drawAsInfinite' | 'secondYAxis'): Series[] {
  for (const s of seriesList) {
    s.graph[flag] = true;
    s.tags = { ...s.tags, [flag]: '1' };
    s.name = `${flag}(${s.name})`;
  }
  return seriesList;
}
