import { Client, errors, type estypes } from '@elastic/elasticsearch';
import { BackendMonitor, type BackendHealth } from '../../lib/backend-monitor.js';
import type { Logger } from '../../lib/logger.js';
import type { Stats } from '../../lib/stats.js';

/** The connection settings (config `elasticsearch.*`). */
export interface ElasticsearchOptions {
  readonly nodes: readonly string[];
  readonly index: string;
  readonly username?: string;
  readonly password?: string;
  readonly apiKey?: string;
  readonly requestTimeoutMs: number;
  readonly maxRetries: number;
  readonly bulkSize: number;
  readonly bulkConcurrency: number;
  readonly maxRequestsInFlight: number;
  readonly pageSize: number;
  readonly refresh: 'wait_for' | 'false';
  readonly shards: number;
  readonly replicas: number;
}

export interface ConnectionDeps {
  readonly stats: Stats;
  readonly logger: Logger;
}

/** What one search page gives back. */
export interface Hit<T> {
  readonly id: string;
  readonly source: T;
  readonly sort: estypes.SortResults;
}

/**
 * One @elastic/elasticsearch client as the index uses it: the configured nodes, timeout and
 * retries (the client tries connection failures and 502/503/504 again), a bound on requests
 * in flight, and failures turned into BackendUnavailableError (503) by the monitor.
 */
export class ElasticsearchConnection {
  readonly client: Client;
  readonly monitor: BackendMonitor;
  /** the index of tree nodes, and the index of tag values */
  readonly nodesIndex: string;
  readonly tagsIndex: string;

  constructor(
    readonly options: ElasticsearchOptions,
    deps: ConnectionDeps,
  ) {
    const auth = options.apiKey !== undefined ? { apiKey: options.apiKey } : options.username !== undefined ? { username: options.username, password: options.password ?? '' } : undefined;
    this.client = new Client({
      nodes: [...options.nodes],
      requestTimeout: options.requestTimeoutMs,
      maxRetries: options.maxRetries,
      ...(auth ? { auth } : {}),
    });
    this.monitor = new BackendMonitor('elasticsearch', deps.stats, { maxInFlight: options.maxRequestsInFlight, describe: describeElasticsearchError });
    this.nodesIndex = options.index;
    this.tagsIndex = `${options.index}-tags`;
  }

  /** One request through the monitor. */
  call<T>(request: (client: Client) => Promise<T>): Promise<T> {
    return this.monitor.call(() => request(this.client));
  }

  /**
   * Every hit of a query, page after page (search_after on `sort`, which must end with a
   * unique field), until `each` returns false.
   */
  async searchAll<T>(index: string, query: estypes.QueryDslQueryContainer, sort: estypes.Sort, fields: readonly string[], each: (hits: Array<Hit<T>>) => boolean | void): Promise<void> {
    let after: estypes.SortResults | undefined;
    for (;;) {
      const page = await this.call((c) =>
        c.search<T>({
          index,
          query,
          sort,
          size: this.options.pageSize,
          _source: [...fields],
          track_total_hits: false,
          ...(after ? { search_after: after } : {}),
        }),
      );
      const hits = page.hits.hits.map((h) => ({ id: h._id!, source: h._source as T, sort: h.sort! }));
      if (hits.length === 0) return;
      if (each(hits) === false || hits.length < this.options.pageSize) return;
      after = hits[hits.length - 1].sort;
    }
  }

  health(): BackendHealth {
    return this.monitor.health();
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** Elasticsearch's or the client's reason, for a 503; null for errors that are not the backend's. */
export function describeElasticsearchError(err: unknown): string | null {
  if (err instanceof errors.ResponseError) {
    const body = err.body as { error?: { type?: string; reason?: string } | string } | undefined;
    const e = body?.error;
    const what = typeof e === 'string' ? e : e ? `${e.type ?? 'error'}: ${e.reason ?? ''}` : String(err.message);
    return `status ${err.statusCode}: ${what}`;
  }
  if (err instanceof errors.TimeoutError) return `request timed out (${err.message})`;
  if (err instanceof errors.ConnectionError) return `connection failed: ${err.message}`;
  if (err instanceof errors.NoLivingConnectionsError) return 'no node is reachable';
  if (err instanceof errors.ElasticsearchClientError) return err.message;
  return null;
}
