import { OverloadedError } from './service-errors.js';

export interface AdmissionLimits {
  /** requests of this kind worked on at once */
  readonly maxInFlight: number;
  /** requests waiting for a place; one more is refused at once */
  readonly maxQueued: number;
  /** how long a request may wait for a place before it is refused */
  readonly queueTimeoutMs: number;
  /** what a refusal's Retry-After says */
  readonly retryAfterSeconds: number;
}

/** Gives the place back; calling it again does nothing. */
export type Release = () => void;

/**
 * A bound on the requests of one kind (renders, finds, ingest) in flight, with a short queue in
 * front: past the queue, or after waiting too long in it, a request is refused with an
 * OverloadedError (503 + Retry-After), so a burst is answered quickly by some and refused
 * quickly to others instead of pushing every request past its time limit. Each kind has its
 * own gate, so one kind's burst never starves another of places.
 */
export class AdmissionGate {
  private inFlight = 0;
  private readonly queue: Array<{ admit: () => void; timer: NodeJS.Timeout }> = [];

  constructor(
    /** the kind of request, as refusals name it: `render`, `find`, `ingest` */
    readonly kind: string,
    readonly limits: AdmissionLimits,
    /** the configuration key of these limits, named in refusals */
    private readonly setting: string,
  ) {}

  get active(): number {
    return this.inFlight;
  }

  get queued(): number {
    return this.queue.length;
  }

  /**
   * A place for one request: at once, after a wait in the queue, or an OverloadedError. A
   * request called off while it waits (`signal`: its client left) leaves the queue at once,
   * with the signal's reason.
   */
  async enter(signal?: AbortSignal): Promise<Release> {
    signal?.throwIfAborted();
    if (this.inFlight < this.limits.maxInFlight) return this.admitted();
    if (this.queue.length >= this.limits.maxQueued) {
      throw this.refuse(`${this.limits.maxInFlight} ${this.kind} requests in flight and ${this.limits.maxQueued} waiting`);
    }
    await new Promise<void>((resolve, reject) => {
      const leave = (err: unknown) => {
        clearTimeout(entry.timer);
        signal?.removeEventListener('abort', onAbort);
        this.queue.splice(this.queue.indexOf(entry), 1);
        reject(err);
      };
      const onAbort = () => leave(signal!.reason);
      const entry = {
        admit: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        timer: setTimeout(() => leave(this.refuse(`${this.kind} request waited ${this.limits.queueTimeoutMs} ms for one of ${this.limits.maxInFlight} places`)), this.limits.queueTimeoutMs),
      };
      this.queue.push(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    // the place was handed over by the request that left it: inFlight already counts it
    return this.release();
  }

  private admitted(): Release {
    this.inFlight++;
    return this.release();
  }

  private release(): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.queue.shift();
      if (next) {
        clearTimeout(next.timer);
        next.admit();
      } else this.inFlight--;
    };
  }

  private refuse(why: string): OverloadedError {
    return new OverloadedError(`server busy: ${why} (limits.concurrency.${this.setting}); try again later`, this.limits.retryAfterSeconds);
  }
}
