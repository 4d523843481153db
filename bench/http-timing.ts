import { Worker } from 'node:worker_threads';
import { percentiles } from './harness.js';

export interface TimingRequest {
  /** full URL, query included */
  readonly url: string;
  /** ask for `Accept-Encoding: gzip` (else `identity`) */
  readonly gzip: boolean;
  /** the answer is graphite json: count its series and points */
  readonly json: boolean;
  /** return the (inflated) body of the checked answer: utf8 text for json, bytes as latin1 otherwise */
  readonly keepBody: boolean;
  /** the answer's length may change between rounds (graphite-web's svg numbers cairo's surfaces per process) */
  readonly variableLength?: boolean;
  /** timed requests: as many as fit in budgetMs at the first answer's latency, within [minRounds, maxRounds] */
  readonly budgetMs: number;
  readonly minRounds: number;
  readonly maxRounds: number;
}

export interface TimingResult {
  readonly status: number;
  /** ms per timed request, request sent to last byte received */
  readonly samples: number[];
  /** requests sent, the untimed warm-up ones included */
  readonly requests: number;
  /** bytes on the wire (compressed when gzipped) */
  readonly wireBytes: number;
  /** bytes of the body, inflated */
  readonly bodyBytes: number;
  readonly gzipped: boolean;
  readonly series?: number;
  readonly points?: number;
  /** points whose value is null */
  readonly nulls?: number;
  readonly body?: string;
  /** the start of a non-200 answer */
  readonly error?: string;
}

export interface Timing extends TimingResult {
  readonly median: number;
  readonly p99: number;
}

/**
 * Times HTTP requests from a worker thread (bench/http-timing-worker.ts): sequential, one
 * keep-alive connection per server, after one untimed warm-up answer which is checked.
 */
export class HttpTimer {
  private readonly worker = new Worker(new URL('./http-timing-worker.js', import.meta.url));
  private readonly pending = new Map<number, { resolve: (r: TimingResult) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor() {
    this.worker.on('message', (msg: { id: number; result?: TimingResult; error?: string }) => {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error !== undefined) p?.reject(new Error(msg.error));
      else p?.resolve(msg.result!);
    });
    this.worker.on('error', (err) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  async time(request: TimingRequest): Promise<Timing> {
    const id = this.nextId++;
    const result = await new Promise<TimingResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, request });
    });
    if (result.status !== 200) throw new Error(`${request.url}: HTTP ${result.status}: ${result.error}`);
    return { ...result, ...percentiles(result.samples) };
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('close');
    await exited;
  }
}
