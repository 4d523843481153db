import { BackendUnavailableError } from './service-errors.js';
import type { Stats, Counter, Timer } from './stats.js';

/** What /health says of one remote backend. */
export interface BackendHealth {
  readonly backend: string;
  /** `up` after a success, `down` after a failure the backend caused, `unknown` before any request */
  readonly state: 'up' | 'down' | 'unknown';
  readonly inFlight: number;
  readonly queued: number;
  /** the last failure's reason and when (ms since the epoch) */
  readonly lastError?: string;
  readonly lastErrorAt?: number;
  readonly lastOkAt?: number;
}

export interface BackendMonitorOptions {
  /** requests in flight at once; more wait their turn */
  readonly maxInFlight: number;
  /**
   * The backend's reason when `err` is a failure of the backend (a timeout, no host, an error
   * answer), null when it is not (a bug of ours, which passes through unchanged).
   */
  readonly describe: (err: unknown) => string | null;
  readonly now?: () => number;
}

/**
 * Every request carbyne makes to a remote backend goes through one of these: a bound on the
 * requests in flight, self-metrics (`backend.<name>.requests`, `.errors`, `.ms`, `.in_flight`,
 * `.queued`), the state /health shows, and the translation of the backend's failures into
 * BackendUnavailableError (answered 503 naming the backend and the cause).
 */
export class BackendMonitor {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private state: BackendHealth['state'] = 'unknown';
  private lastError?: string;
  private lastErrorAt?: number;
  private lastOkAt?: number;
  private readonly requests: Counter;
  private readonly errors: Counter;
  private readonly latency: Timer;
  private readonly now: () => number;

  constructor(
    readonly name: string,
    stats: Stats,
    private readonly options: BackendMonitorOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.requests = stats.counter(`backend.${name}.requests`);
    this.errors = stats.counter(`backend.${name}.errors`);
    this.latency = stats.timer(`backend.${name}.ms`);
    stats.gauge(`backend.${name}.in_flight`, () => this.active);
    stats.gauge(`backend.${name}.queued`, () => this.waiting.length);
  }

  /** Runs one request within the in-flight bound; a backend failure becomes a BackendUnavailableError. */
  async call<T>(request: () => Promise<T>): Promise<T> {
    if (this.active >= this.options.maxInFlight) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    const started = performance.now();
    this.requests.inc();
    try {
      const result = await request();
      this.ok();
      return result;
    } catch (err) {
      throw this.failed(err);
    } finally {
      this.latency.observe(performance.now() - started);
      this.active--;
      this.waiting.shift()?.();
    }
  }

  /** Records a failure seen outside call() (a bulk item refused, a connection lost) and returns what to throw. */
  failed(err: unknown): unknown {
    if (err instanceof BackendUnavailableError) {
      this.noteError(err.message);
      return err;
    }
    const reason = this.options.describe(err);
    if (reason === null) return err;
    this.noteError(reason);
    return new BackendUnavailableError(this.name, reason, { cause: err });
  }

  /** A success outside call(). */
  ok(): void {
    this.state = 'up';
    this.lastOkAt = this.now();
  }

  health(): BackendHealth {
    return {
      backend: this.name,
      state: this.state,
      inFlight: this.active,
      queued: this.waiting.length,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError, lastErrorAt: this.lastErrorAt }),
      ...(this.lastOkAt === undefined ? {} : { lastOkAt: this.lastOkAt }),
    };
  }

  private noteError(reason: string): void {
    this.errors.inc();
    this.state = 'down';
    this.lastError = reason;
    this.lastErrorAt = this.now();
  }
}
