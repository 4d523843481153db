/** The logging calls carbyne's parts make; Fastify's pino logger satisfies it. */
export interface Logger {
  error(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  info(obj: unknown, msg?: string): void;
  debug(obj: unknown, msg?: string): void;
}

export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };

/**
 * Logs at most one line per `intervalMs` for a noisy condition (a client sending garbage),
 * saying how many were suppressed in between.
 */
export class RateLimitedLog {
  private lastMs = -Infinity;
  private suppressed = 0;

  constructor(
    private readonly log: Logger,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  warn(obj: Record<string, unknown>, msg: string): void {
    const t = this.now();
    if (t - this.lastMs < this.intervalMs) {
      this.suppressed++;
      return;
    }
    this.log.warn(this.suppressed > 0 ? { ...obj, suppressed: this.suppressed } : obj, msg);
    this.lastMs = t;
    this.suppressed = 0;
  }
}
