import type { TagLimits } from './tags/tag-work.js';

export type { TagLimits } from './tags/tag-work.js';

/** What an autocomplete may narrow by. */
export interface TagQuery {
  /** only names (or values) starting with this */
  readonly prefix?: string;
  /** only tags (or values) of the series these tag expressions match (graphite-web's `expr`) */
  readonly expressions?: readonly string[];
  /** at most this many answers (graphite-web's TAGDB_AUTOCOMPLETE_LIMIT, 100, when absent) */
  readonly limit?: number;
}

/** One row of graphite-web's tag list. */
export interface TagRow {
  readonly id: number;
  readonly tag: string;
}

/** One value of a tag, with the number of series holding it. */
export interface TagValueRow {
  readonly id: number;
  readonly value: string;
  readonly count: number;
}

export interface TagDetails extends TagRow {
  readonly values: TagValueRow[];
}

/**
 * The tags of tagged series (`name;k=v;...`), beside the metric tree (MetricIndex): which
 * series match graphite's tag expressions, and the tag names and values there are, with the
 * semantics of graphite-web 1.1.8's tag database. The embedded index and the Elasticsearch index
 * implement it; series reach it through the same registration as the metric index
 * (MetricIndex.register with tagged names) and leave it through MetricIndex.unregister/delete.
 *
 * Every method is bounded by `limits` (TagLimitError past them) and throws TagExpressionError
 * for expressions and patterns graphite-web refuses.
 */
export interface TagIndex {
  /**
   * The display names (`name;k=v;...`, tags in graphite's order) of the tagged series matching
   * every expression (`k=v`, `k!=v`, `k=~re`, `k!=~re`; `name` is a tag), sorted by code point
   * as graphite-web's tag database answers.
   */
  findSeries(expressions: readonly string[], limits?: TagLimits): Promise<string[]>;
  /**
   * Tag autocomplete (graphite-web's auto_complete_tags). With expressions: the tags of the
   * series they match, but not the tags they name, sorted, the first `limit` (none when
   * `limit` <= 0). Without: every tag ever registered, as listTags (all when `limit` <= 0).
   */
  tagNames(query?: TagQuery, limits?: TagLimits): Promise<string[]>;
  /**
   * Value autocomplete (auto_complete_values): the values `tag` has among the series the
   * expressions match (all series holding it without expressions), sorted, the first `limit`
   * (with expressions none when `limit` <= 0, without all).
   */
  tagValues(tag: string, query?: TagQuery, limits?: TagLimits): Promise<string[]>;
  /**
   * Every tag ever registered (graphite-web keeps a tag after its last series goes), sorted,
   * those `filter` (a regex anchored at the start) finds, the first `limit` (all when absent or
   * negative).
   */
  listTags(filter?: string, limit?: number, limits?: TagLimits): Promise<TagRow[]>;
  /** A tag and its values held by series now (filtered and limited as listTags), or null for a tag never registered. */
  tagDetails(tag: string, filter?: string, limit?: number, limits?: TagLimits): Promise<TagDetails | null>;
}
