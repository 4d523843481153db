import { RateLimitedLog } from '../lib/logger.js';
import { BackendUnavailableError } from '../lib/service-errors.js';
import { IngestBatch, IngestCounters } from './ingest-batch.js';
import type { IngestDeps } from './listeners/deps.js';
import { PlaintextParser } from './plaintext-parser.js';
import { parsePythonFloatText } from './python-float.js';
import { RejectReason } from './reject-reason.js';

/** What `POST /ingest` answers. */
export interface IngestReport {
  accepted: number;
  rejected: number;
  /** the first few problems, each naming its line or item */
  errors: string[];
}

/** how many problems an answer lists */
const MAX_REPORTED_ERRORS = 10;

/**
 * Points sent over HTTP: a body of carbon plaintext lines, or a JSON array of
 * `{"path", "value", "timestamp"?}`. Each body is one batch, committed before the answer (it
 * survives a crash of the process); with `syncBeforeAck`, also synced to stable storage before
 * the answer (it survives a crash of the machine), concurrent bodies sharing one sync.
 * Counters under `ingest.http`.
 */
/** How long a body waits for the writer to have room before it is refused (503), by default. */
const ROOM_WAIT_MS = 10_000;

export class HttpIngest {
  private readonly counters: IngestCounters;
  private readonly rejects: RateLimitedLog;

  constructor(
    private readonly deps: IngestDeps,
    private readonly maxLineBytes: number,
    private readonly syncBeforeAck = false,
    /** how long a body waits for the writer to have room before it is refused (503) */
    private readonly roomWaitMs = ROOM_WAIT_MS,
  ) {
    if (syncBeforeAck && deps.writer.commitDurable === undefined) throw new Error('syncBeforeAck needs a writer that can sync (commitDurable)');
    this.counters = new IngestCounters(deps.stats, 'ingest.http');
    this.rejects = new RateLimitedLog(deps.log);
  }

  plaintext(body: Buffer, source: string): Promise<IngestReport> {
    const batch = this.batch(source, 'line');
    const parser = new PlaintextParser(batch, this.maxLineBytes);
    return this.committed(batch, () => {
      parser.push(body);
      parser.end();
    });
  }

  /** `items` is the parsed JSON array */
  json(items: readonly unknown[], source: string): Promise<IngestReport> {
    const batch = this.batch(source, 'item');
    return this.committed(batch, () => {
      for (let i = 0; i < items.length; i++) readJsonPoint(items[i], i + 1, batch);
    });
  }

  /** Waits while the writer has no room (its store slow or down), up to roomWaitMs, then refuses. */
  private async room(): Promise<void> {
    const wait = this.deps.writer.backlog?.();
    if (!wait) return;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = await Promise.race([wait.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.roomWaitMs)))]);
    clearTimeout(timer);
    if (gaveUp) throw new BackendUnavailableError('storage engine', `ingest is paused: the points held in memory and the write-ahead log are at their limits until the store takes writes again; retry later`, { retryAfterSeconds: 10 });
  }

  private batch(source: string, unit: 'line' | 'item'): IngestBatch {
    return new IngestBatch(this.deps.writer, this.counters, this.rejects, { source: `http ${source}`, unit, keepErrors: MAX_REPORTED_ERRORS });
  }

  private async committed(batch: IngestBatch, work: () => void): Promise<IngestReport> {
    await this.room();
    let accepted: number;
    try {
      work();
      accepted = batch.commit();
    } catch (err) {
      batch.abandon();
      throw err;
    }
    if (this.syncBeforeAck && accepted > 0) await this.deps.writer.commitDurable!();
    return { accepted, rejected: batch.rejected, errors: batch.errors };
  }
}


/** One `{"path", "value", "timestamp"}`; numbers may also be numeric strings, as carbon's float() takes them. */
function readJsonPoint(item: unknown, position: number, batch: IngestBatch): void {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    batch.reject(RejectReason.Shape, JSON.stringify(item) ?? String(item), position);
    return;
  }
  const { path, value, timestamp } = item as Record<string, unknown>;
  const text = () => JSON.stringify(item).slice(0, 200);
  if (typeof path !== 'string' || path === '') {
    batch.reject(RejectReason.Shape, `path missing or not a string in ${text()}`, position);
    return;
  }
  const v = jsonNumber(value);
  if (v === undefined) {
    batch.reject(RejectReason.Value, text(), position);
    return;
  }
  let ts = -1;
  if (timestamp !== undefined && timestamp !== null) {
    const t = jsonNumber(timestamp);
    if (t === undefined || !Number.isFinite(t)) {
      batch.reject(RejectReason.Timestamp, text(), position);
      return;
    }
    ts = Math.trunc(t) || 0;
  }
  batch.point(path, v, ts, position);
}

function jsonNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return parsePythonFloatText(v);
  return undefined;
}
