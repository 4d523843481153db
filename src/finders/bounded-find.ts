import { BackendUnavailableError } from '../lib/service-errors.js';
import { FindLimitError } from './glob/errors.js';
import type { FindOptions, MetricIndex, MetricNode } from './metric-index.js';
import { WorkSlicer } from '../lib/work-slicer.js';

/** A find ran longer than the configured time limit. */
export class FindTimeoutError extends Error {
  override readonly name = 'FindTimeoutError';
  constructor(
    readonly pattern: string,
    readonly timeoutMs: number,
  ) {
    super(`Query ${pattern} took longer than ${timeoutMs} ms (limits.find.timeoutMs is ${timeoutMs})`);
  }
}

export interface FindBounds {
  readonly maxNodes: number;
  readonly timeoutMs: number;
  /**
   * The remote index's name (`elasticsearch`, `cassandra`): a find it has not answered within
   * the time limit is its failure to answer (BackendUnavailableError, a 503), not the request's
   * excess (FindTimeoutError, a 422, for the embedded index, whose time is the request's work)
   */
  readonly backend?: string;
}

/**
 * Every node of `index.find(pattern)`, or a FindLimitError past `maxNodes` nodes, or a
 * FindTimeoutError (a remote index: BackendUnavailableError) once `timeoutMs` has passed (the
 * index is then asked to stop through its iterator's return()).
 */
export async function findBounded(index: MetricIndex, pattern: string, options: FindOptions, bounds: FindBounds): Promise<MetricNode[]> {
  // the index hears of the time limit too, and stops its walk at its next pause
  const callOff = new AbortController();
  const iterator = index.find(pattern, { ...options, limit: bounds.maxNodes + 1, signal: callOff.signal })[Symbol.asyncIterator]();
  const nodes: MetricNode[] = [];
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      const err =
        bounds.backend === undefined
          ? new FindTimeoutError(pattern, bounds.timeoutMs)
          : new BackendUnavailableError(bounds.backend, `no answer to the find of ${pattern} within ${bounds.timeoutMs} ms (limits.find.timeoutMs)`);
      callOff.abort(err);
      reject(err);
    }, bounds.timeoutMs);
  });
  const slicer = new WorkSlicer(callOff.signal);
  const collect = async (): Promise<MetricNode[]> => {
    for (;;) {
      const step = await iterator.next();
      if (step.done || timedOut) return nodes;
      if (nodes.length === bounds.maxNodes) throw new FindLimitError(pattern, bounds.maxNodes);
      nodes.push(step.value);
      // an await per node is a microtask each: other requests wait for the whole answer unless this pauses
      if (nodes.length % 1024 === 0) await slicer.tick();
    }
  };
  try {
    return await Promise.race([collect(), deadline]);
  } catch (err) {
    // stop the index's work; a failure to stop must not hide the reason we stopped
    await iterator.return?.().catch(() => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
