import type { Series } from '../../series.js';

/** The distinct pathExpressions of a list, in order, joined by commas (names of aggregates). */
export function formatPathExpressions(seriesList: readonly Series[]): string {
  const seen: string[] = [];
  for (const s of seriesList) if (!seen.includes(s.pathExpression)) seen.push(s.pathExpression);
  return seen.join(',');
}
