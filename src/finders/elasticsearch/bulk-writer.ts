import { BackendUnavailableError } from '../../lib/service-errors.js';
import { boundedParallel } from '../../lib/parallel.js';
import type { Logger } from '../../lib/logger.js';
import type { Counter, Stats } from '../../lib/stats.js';
import type { ElasticsearchConnection } from './connection.js';

/** One document operation of a bulk request. */
export interface BulkOperation {
  readonly action: 'index' | 'update' | 'delete';
  readonly index: string;
  readonly id: string;
  /** the document (`index`), or the fields to set, inserting the document when missing (`update`) */
  readonly doc?: Record<string, unknown>;
}

/** How often refused items are tried again before the write fails, and the back-off between tries. */
const MAX_ATTEMPTS = 8;
const FIRST_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 5000;

interface BulkItemResult {
  status?: number;
  error?: { type?: string; reason?: string };
}

/**
 * Writes document operations as bulk requests of `bulkSize`, at most `bulkConcurrency` in
 * flight for the whole index (further writes wait: back-pressure on whoever registers), and
 * tries the items Elasticsearch refuses for load (429, its thread pools' queues full) again
 * after a growing pause. Any other refused item fails the write, naming it.
 */
export class BulkWriter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly requests: Counter;
  private readonly rejected: Counter;

  constructor(
    private readonly es: ElasticsearchConnection,
    stats: Stats,
    private readonly logger: Logger,
  ) {
    this.requests = stats.counter('index.bulk_requests');
    this.rejected = stats.counter('index.bulk_items_rejected');
  }

  /** Every operation applied (in order within a request); `refresh`: searchable when this resolves. */
  async write(ops: readonly BulkOperation[], refresh: boolean): Promise<void> {
    if (ops.length === 0) return;
    const size = this.es.options.bulkSize;
    const chunks: BulkOperation[][] = [];
    for (let i = 0; i < ops.length; i += size) chunks.push(ops.slice(i, i + size));
    // the call answers once every chunk is in: the order between chunks does not matter
    await boundedParallel(chunks, (chunk) => this.track(this.writeChunk(chunk, refresh)), this.es.options.bulkConcurrency);
  }

  /** Resolves once no bulk request is in flight. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    try {
      return await p;
    } finally {
      this.inFlight.delete(p);
    }
  }

  private async writeChunk(chunk: readonly BulkOperation[], refresh: boolean): Promise<void> {
    let pending = chunk;
    for (let attempt = 1; ; attempt++) {
      const items = await this.send(pending, refresh);
      const retry: BulkOperation[] = [];
      const failures: string[] = [];
      items.forEach((item, k) => {
        const status = item.status ?? 500;
        if (status < 300) return;
        const op = pending[k];
        if (op.action === 'delete' && status === 404) return; // already gone
        if (status === 429) retry.push(op);
        else failures.push(`${op.action} ${op.id}: ${status} ${item.error?.type ?? ''} ${item.error?.reason ?? ''}`.trim());
      });
      if (failures.length > 0) {
        throw this.es.monitor.failed(new BackendUnavailableError('elasticsearch', `bulk items refused: ${failures.slice(0, 3).join('; ')}${failures.length > 3 ? ` (and ${failures.length - 3} more)` : ''}`));
      }
      if (retry.length === 0) return;
      this.rejected.inc(retry.length);
      if (attempt >= MAX_ATTEMPTS) {
        throw this.es.monitor.failed(new BackendUnavailableError('elasticsearch', `bulk items refused for load (429) ${MAX_ATTEMPTS} times: the cluster is overloaded`));
      }
      const pause = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempt - 1));
      this.logger.debug({ items: retry.length, pauseMs: pause }, 'elasticsearch refused bulk items for load; trying them again');
      await new Promise((resolve) => setTimeout(resolve, pause));
      pending = retry;
    }
  }

  private async send(ops: readonly BulkOperation[], refresh: boolean): Promise<BulkItemResult[]> {
    if (this.active >= this.es.options.bulkConcurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      const operations: unknown[] = [];
      for (const op of ops) {
        operations.push({ [op.action]: { _index: op.index, _id: op.id } });
        if (op.action === 'index') operations.push(op.doc);
        else if (op.action === 'update') operations.push({ doc: op.doc, doc_as_upsert: true });
      }
      this.requests.inc();
      const res = await this.es.call((c) => c.bulk({ operations, refresh: refresh ? 'wait_for' : false }));
      return res.items.map((entry) => Object.values(entry)[0] as BulkItemResult);
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
