import { GlobError } from '../../finders/glob/errors.js';
import { TagExpressionError } from '../../finders/tag-expressions.js';
import type { ClusterNode } from '../cluster-map.js';
import type { Peer } from '../peer/peer.js';
import { PeerUnavailableError } from '../peer/peer-client.js';
import { currentScope, ReadScope } from '../read-scope.js';
import { RemoteCallError, type AnswerOf, type ClusterCall } from '../wire/messages.js';

export type NodeAnswer<A> = { readonly node: ClusterNode; readonly ok: true; readonly answer: A } | { readonly node: ClusterNode; readonly ok: false; readonly error: Error };

/**
 * Calls to other nodes on behalf of the request being served: each by the request's deadline
 * (and never later than `timeoutMs` from now), failures kept per node for the caller to judge.
 */
export class FanOut {
  constructor(
    private readonly peers: ReadonlyMap<number, Peer>,
    private readonly timeoutMs: number,
  ) {}

  /** The request's scope, or one for a read made outside any request (a tool, a test). */
  scope(): ReadScope {
    return currentScope() ?? new ReadScope(false, Date.now() + this.timeoutMs);
  }

  deadline(scope: ReadScope): number {
    return Math.min(Date.now() + this.timeoutMs, scope.deadlineMs);
  }

  /**
   * Sends each remote node its call; resolves with every node's answer or failure. A call the
   * node refused as bad input throws here, as the local part would have (the same GlobError or
   * TagExpressionError, and so the same 400).
   */
  async ask<C extends ClusterCall>(nodes: readonly ClusterNode[], call: (node: ClusterNode) => C, scope: ReadScope): Promise<Array<NodeAnswer<AnswerOf<C>>>> {
    const deadline = this.deadline(scope);
    const settled = await Promise.allSettled(
      nodes.map((node) => {
        const peer = this.peers.get(node.index);
        if (peer === undefined) return Promise.reject(new Error(`no peer for node ${node.name}`));
        return peer.request(call(node), deadline);
      }),
    );
    return settled.map((s, i): NodeAnswer<AnswerOf<C>> => {
      const node = nodes[i];
      if (s.status === 'fulfilled') return { node, ok: true, answer: s.value };
      const err = s.reason as Error;
      if (err instanceof RemoteCallError && err.kind === 'input') throw localInputError(err, call(node));
      return { node, ok: false, error: err instanceof RemoteCallError || err instanceof PeerUnavailableError ? err : new PeerUnavailableError(node.name, String(err)) };
    });
  }
}

/** The local error a remote node's input error stands for. */
function localInputError(err: RemoteCallError, call: ClusterCall): Error {
  if (err.type === 'GlobError') return new GlobError(err.message, call.op === 'find' ? call.pattern : '');
  if (err.type === 'TagExpressionError') return new TagExpressionError(err.message);
  return new Error(err.message);
}
