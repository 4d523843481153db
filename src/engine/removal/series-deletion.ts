import type { MetricIndex } from '../../finders/metric-index.js';
import { seriesNameOf } from '../../finders/tagged-path.js';
import { displayName } from '../../series/id.js';
import { parseMetricName } from '../../series/name.js';
import type { MetricName } from '../../series/types.js';

/** What removes series for good: the storage engine (hot data, chunks, registry, index). */
export interface SeriesRemover {
  removeSeries(metrics: readonly MetricName[]): Promise<number>;
}

export interface DeletionOutcome {
  /** the series the patterns matched (display names, sorted) */
  readonly series: string[];
  /** how many of them were removed (0 on a dry run) */
  readonly deleted: number;
}

/** More series than this in one request is refused: delete in parts. */
export class TooManySeriesError extends Error {
  override readonly name = 'TooManySeriesError';
}

/**
 * `carbyne series delete PATTERN` and its HTTP route: the patterns (graphite globs, or exact
 * tagged names) are resolved through the index to series, which the engine removes through the
 * same path as dead series.
 */
export class SeriesDeletion {
  constructor(
    private readonly index: MetricIndex,
    private readonly remover: SeriesRemover,
    private readonly maxSeries: number,
  ) {}

  async delete(patterns: readonly string[], dryRun: boolean): Promise<DeletionOutcome> {
    const names = new Set<string>();
    for (const pattern of patterns) {
      for await (const node of this.index.find(normalisedTagged(pattern), { leavesOnly: true, limit: this.maxSeries + 1 })) {
        if (!node.isLeaf) continue;
        names.add(seriesNameOf(node.path));
        if (names.size > this.maxSeries) throw new TooManySeriesError(`the patterns match more than ${this.maxSeries} series (limits.find.maxNodes); delete them in parts`);
      }
    }
    const series = [...names].sort();
    if (dryRun || series.length === 0) return { series, deleted: 0 };
    const metrics: MetricName[] = [];
    for (const name of series) {
      const parsed = parseMetricName(name);
      if (parsed.ok) metrics.push(parsed.metric);
    }
    return { series, deleted: await this.remover.removeSeries(metrics) };
  }
}

/** A tagged name in carbon's normal form (tags sorted), as the index holds it; any other pattern as it is. */
function normalisedTagged(pattern: string): string {
  if (!pattern.includes(';') || pattern.startsWith('_tagged.')) return pattern;
  const parsed = parseMetricName(pattern);
  return parsed.ok ? displayName(parsed.metric) : pattern;
}
