/**
 * Refusals any part of carbyne may throw when it cannot serve a request, without knowing HTTP:
 * the HTTP layer's one error handler (src/routes/errors/) answers each with its status code.
 * A part with a more specific error (RenderLimitError, FindLimitError, ...) keeps it; these are
 * for the limits, load and backends that have none.
 */

/** The request asks more than a configured limit allows (answered 422); the message names the setting. */
export class LimitExceededError extends Error {
  override readonly name = 'LimitExceededError';
  constructor(
    message: string,
    /** the configuration key that sets the limit */
    readonly setting: string,
  ) {
    super(`${message} (limit set by ${setting})`);
  }
}

/**
 * The server is too busy to take this request now (answered 503 with Retry-After, as issue 14
 * asks and as load balancers and Grafana read it): more requests in flight than it takes, a
 * full queue, too long a wait in it.
 */
export class OverloadedError extends Error {
  override readonly name = 'OverloadedError';
  constructor(
    message: string,
    /** when the client may try again */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * A backend the request needs (the chunk store, the index, a peer) failed or cannot be reached
 * (answered 503). The message names the backend and the cause, which is the backend's own
 * report, not a stack.
 */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
  /** when the client may try again, when the backend says */
  readonly retryAfterSeconds?: number;

  constructor(
    /** which backend: `lmdb`, `cassandra`, `elasticsearch`, a peer's address */
    readonly backend: string,
    reason: string,
    options: { cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(`${backend} unavailable: ${reason}`, { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * The client went away before its answer was ready: the work for it stops (answered 499, as
 * nginx logs it; nobody reads that answer).
 */
export class RequestAbandonedError extends Error {
  override readonly name = 'RequestAbandonedError';
  constructor() {
    super('the client closed the connection before the answer was ready');
  }
}
