import type { MetricName } from '../series/types.js';

/** One answer of a find: a branch (has children) or a leaf (has data) at `path`. */
export interface MetricNode {
  readonly path: string;
  readonly isLeaf: boolean;
}

export interface FindOptions {
  /** unix seconds; a finder may leave out leaves with no data in [from, until] */
  readonly from?: number;
  readonly until?: number;
  readonly leavesOnly?: boolean;
  /** stop after this many nodes (the caller turns "more than limit" into an error) */
  readonly limit?: number;
  /**
   * the find is called off (its time limit, its client gone): a finder stops its walk at its
   * next pause and throws the signal's reason
   */
  readonly signal?: AbortSignal;
}

/**
 * The metric tree: every registered path yields one entry per prefix (segment, pos, length,
 * has_data) plus the distinct (pos, segment) set. Backends: embedded, Elasticsearch, Cassandra.
 */
export interface MetricIndex {
  /**
   * Nodes matching a Graphite glob, one path level per element. The same path may come twice,
   * once as a branch and once as a leaf, when a metric is also a prefix of other metrics.
   */
  find(pattern: string, opts?: FindOptions): AsyncIterable<MetricNode>;
  /** Idempotent; known names cost nothing. */
  register(names: readonly MetricName[]): Promise<void>;
  /**
   * Every leaf path (as find shows it: tagged series under `_tagged`), sorted by code point as
   * graphite-web's /metrics/index.json is. Optional: without it, callers walk the tree with find.
   */
  leaves?(): AsyncIterable<string>;
  /** Removes the leaves matching `pattern` (and branches left empty); returns how many leaves. */
  delete(pattern: string): Promise<number>;
  /** Removes exactly these series (and branches left empty); returns how many were there. */
  unregister(names: readonly MetricName[]): Promise<number>;
  close(): Promise<void>;
}
