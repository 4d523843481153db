import type { MetricName } from '../../series/types.js';

/** What a flush round does with one of a series' hot chunks it would persist. */
export type PersistDecision =
  /** write it to the store (the default) */
  | 'write'
  /** hold it in memory for now (decided again at the next round) */
  | 'keep'
  /** another writer of the shared store has persisted its points: let it go unwritten */
  | 'drop';

/** A hot chunk as a policy sees it. */
export interface PolicyChunk {
  readonly start: number;
  readonly end: number;
  /** engine seconds of its last write */
  readonly touched: number;
}

/**
 * Who persists what, when several carbyne processes hold the same series in memory and write
 * one shared store (a cluster's replicas, docs/cluster.md): asked once per flush round for each
 * closed window the round would write, and for every chunk at shutdown. Memory and log budgets
 * still write what they must, whatever the policy says. Absent: every chunk is written.
 */
export interface PersistPolicy {
  /** A round starts at engine time `now` (seconds); the token comes back to roundEnded. */
  roundStarting(now: number): unknown;
  /** The round wrote every chunk it chose (`ok`) or failed. */
  roundEnded(token: unknown, ok: boolean): void;
  /**
   * A closed chunk of `series` at resolution `step` (grace: how long after its end it still
   * took late points), or any chunk when `shutdown`.
   */
  decide(series: { readonly name: string; readonly metric: MetricName }, chunk: PolicyChunk, step: number, grace: number, shutdown: boolean): PersistDecision;
}
