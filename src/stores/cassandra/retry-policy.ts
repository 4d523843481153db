import cassandra from 'cassandra-driver';

type Info = cassandra.policies.retry.OperationInfo;
type Decision = cassandra.policies.retry.DecisionInfo;

/**
 * How carbyne's Cassandra requests are tried again. Every statement carbyne sends is idempotent
 * (chunks and records are keyed, writes are upserts), so any failure may be retried, up to
 * `retries` times: a replica timeout on the same host (the coordinator may do better the second
 * time), a node that is unavailable, overloaded, failing or not answering on the next host of
 * the query plan. Past that the failure reaches the caller, which answers 503 (reads) or keeps
 * the data hot and logged ahead (writes).
 */
export class CarbyneRetryPolicy extends cassandra.policies.retry.RetryPolicy {
  constructor(private readonly retries: number) {
    super();
  }

  override onReadTimeout(info: Info, consistency: cassandra.types.consistencies): Decision {
    return info.nbRetry < this.retries ? this.retryResult(consistency, true) : this.rethrowResult();
  }

  override onWriteTimeout(info: Info, consistency: cassandra.types.consistencies): Decision {
    return info.nbRetry < this.retries ? this.retryResult(consistency, true) : this.rethrowResult();
  }

  override onUnavailable(info: Info, consistency: cassandra.types.consistencies): Decision {
    return info.nbRetry < this.retries ? this.retryResult(consistency, false) : this.rethrowResult();
  }

  override onRequestError(info: Info, consistency: cassandra.types.consistencies): Decision {
    return info.nbRetry < this.retries ? this.retryResult(consistency, false) : this.rethrowResult();
  }
}
