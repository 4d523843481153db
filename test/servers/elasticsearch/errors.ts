// Elasticsearch's error body: `{ error: { root_cause: [...], type, reason, ... }, status }`, which
// the client turns into its ResponseError (meta.body and meta.statusCode).

export class EsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly reason: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(reason);
  }

  body(): Record<string, unknown> {
    const cause = { type: this.type, reason: this.reason, ...this.extra };
    return { error: { root_cause: [cause], ...cause }, status: this.status };
  }

  static indexNotFound(index: string): EsError {
    return new EsError(404, 'index_not_found_exception', `no such index [${index}]`, {
      'resource.type': 'index_or_alias',
      'resource.id': index,
      index_uuid: '_na_',
      index,
    });
  }
  static parsing(reason: string): EsError {
    return new EsError(400, 'parsing_exception', reason);
  }
  static badRequest(reason: string, type = 'illegal_argument_exception'): EsError {
    return new EsError(400, type, reason);
  }
  /** A query that parses but cannot run on a shard (bad regexp, wrong field type, ...). */
  static queryShard(reason: string, index: string): EsError {
    const inner = { type: 'query_shard_exception', reason, index };
    return new EsError(400, 'search_phase_execution_exception', 'all shards failed', {
      phase: 'query',
      grouped: true,
      failed_shards: [{ shard: 0, index, node: 'carbyne-test-node', reason: inner }],
      caused_by: inner,
    });
  }
}
