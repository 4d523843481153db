/** What an autocomplete or a tag listing may narrow by. */
export interface TagQuery {
  /** only names (or values) starting with this */
  readonly prefix?: string;
  /** only tags (or values) of the series these tag expressions match (graphite-web's `expr`) */
  readonly expressions?: readonly string[];
  /** at most this many answers */
  readonly limit?: number;
}

/**
 * The tags of tagged series (`name;k=v;...`), beside the metric tree (MetricIndex): which
 * series match graphite's tag expressions, and the tag names and values there are. The
 * embedded index and the Elasticsearch index implement it; series reach it through the same
 * registration as the metric index (MetricIndex.register with tagged names).
 */
export interface TagIndex {
  /**
   * The display names (`name;k=v;...`, tags sorted) of the tagged series matching every
   * expression (`k=v`, `k!=v`, `k=~re`, `k!=~re`; `name` is a tag), sorted by code point as
   * graphite-web's tag database answers. Throws TagExpressionError for expressions
   * graphite-web refuses.
   */
  findSeries(expressions: readonly string[]): Promise<string[]>;
  /** Tag names (`name` included), sorted. */
  tagNames(query?: TagQuery): Promise<string[]>;
  /** The values of one tag, sorted. */
  tagValues(tag: string, query?: TagQuery): Promise<string[]>;
}
