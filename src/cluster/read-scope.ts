import { AsyncLocalStorage } from 'node:async_hooks';
import { BackendUnavailableError } from '../lib/service-errors.js';

/** A read some nodes did not answer for, with cluster.strictReads on: answered 503. */
export class ClusterReadError extends BackendUnavailableError {
  constructor(readonly nodes: readonly string[]) {
    super(`cluster node${nodes.length > 1 ? 's' : ''} ${nodes.join(', ')}`, 'did not answer, and cluster.strictReads asks for every node\'s answer');
  }
}

/**
 * What one HTTP request's reads share across the MetricIndex, TagIndex and SeriesReader the
 * cluster gives the routes and the evaluator (they see only their own arguments): whether the
 * request wants this node's data only (`local=1`), its deadline, which node holds each leaf a
 * find met, and which nodes failed to answer something it needed.
 */
export class ReadScope {
  /** nodes (by name) whose answer is missing from this request's answer */
  readonly missing = new Set<string>();
  /** leaf path -> indexes of the nodes whose finds returned it */
  readonly holders = new Map<string, Set<number>>();

  constructor(
    /** answer from this node's own data only (graphite-web's local=1) */
    readonly local: boolean,
    /** ms since the epoch by which the request must answer */
    readonly deadlineMs: number,
    /** a missing node fails the request (cluster.strictReads) */
    readonly strict = false,
  ) {}

  /** Nodes whose answers this request's answer lacks; with `strict`, a ClusterReadError. */
  miss(nodes: Iterable<string>): void {
    for (const n of nodes) this.missing.add(n);
    if (this.strict && this.missing.size > 0) throw new ClusterReadError([...this.missing].sort());
  }

  addHolder(path: string, node: number): void {
    let set = this.holders.get(path);
    if (set === undefined) this.holders.set(path, (set = new Set()));
    set.add(node);
  }

  get partial(): boolean {
    return this.missing.size > 0;
  }
}

const scopes = new AsyncLocalStorage<ReadScope>();

/** Runs `fn` (and everything it starts) inside `scope`. */
export function runInScope<T>(scope: ReadScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/** The scope of the request being served, if any. */
export function currentScope(): ReadScope | undefined {
  return scopes.getStore();
}
