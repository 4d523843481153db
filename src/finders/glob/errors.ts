/**
 * A find pattern carbyne refuses to evaluate because it would cost too much (too long, too many
 * brace groups or variants). The find routes answer it with 400 and this message.
 */
export class GlobError extends Error {
  override readonly name = 'GlobError';
  constructor(
    message: string,
    /** the pattern as the client sent it */
    readonly pattern: string,
  ) {
    super(message);
  }
}

/**
 * A find that matched more nodes than the configured cap. The routes answer it with a 4xx whose
 * message names the cap and the query (graphite-web's METRICS_FIND_FAILURE_THRESHOLD, made
 * configurable and applied to every node, not only leaves).
 */
export class FindLimitError extends Error {
  override readonly name = 'FindLimitError';
  constructor(
    readonly pattern: string,
    readonly limit: number,
  ) {
    super(`Query ${pattern} yields more than ${limit} nodes (limits.find.maxNodes is ${limit})`);
  }
}
