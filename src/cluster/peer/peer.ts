import type { AnswerOf, ClusterCall, PingAnswer } from '../wire/messages.js';
import { RemoteCallError } from '../wire/messages.js';
import { PeerBusyError, PeerClient, PeerUnavailableError } from './peer-client.js';

interface Pending {
  readonly call: ClusterCall;
  readonly deadlineMs: number;
  resolve(answer: unknown): void;
  reject(err: Error): void;
}

/** What GET /cluster shows of another node. */
export interface PeerState {
  readonly state: 'up' | 'down';
  /** ms since the epoch of the last answer, and of the last failure */
  readonly lastAnswerMs: number | null;
  readonly lastFailureMs: number | null;
  readonly lastError: string | null;
}

/**
 * Another node as this one talks to it. Calls made in the same turn of the event loop go out as
 * one POST (a render's finds, or its batches of series, reach each node together); each call
 * still ends by its own deadline. A node that failed a call is `down`: calls to it fail at once
 * (a request does not wait on a dead node) until a probe or another call gets an answer.
 */
export class Peer {
  private pending: Pending[] = [];
  private scheduled = false;
  private state: 'up' | 'down' = 'up';
  private lastAnswerMs: number | null = null;
  private lastFailureMs: number | null = null;
  private lastError: string | null = null;
  /** when it last went from up to down (ms since the epoch) */
  private downSinceMs: number | null = null;
  /** what it said of itself at the last probe */
  private lastPing: PingAnswer | null = null;
  /** when a probe last got an answer (at first: when this peer was made) */
  private lastProbeAnswerMs: number;

  constructor(
    readonly name: string,
    private readonly client: PeerClient,
    private readonly now: () => number = Date.now,
  ) {
    this.lastProbeAnswerMs = now();
  }

  get isUp(): boolean {
    return this.state === 'up';
  }

  status(): PeerState {
    return { state: this.state, lastAnswerMs: this.lastAnswerMs, lastFailureMs: this.lastFailureMs, lastError: this.lastError };
  }

  /** When the node was last seen to go down (ms since the epoch), null while it has not been. */
  get wentDownMs(): number | null {
    return this.downSinceMs;
  }

  /**
   * The answer to one call, or PeerUnavailableError (down, no answer by `deadlineMs`, garbage),
   * or the RemoteCallError the node answered with.
   */
  request<C extends ClusterCall>(call: C, deadlineMs: number, opts: { evenIfDown?: boolean } = {}): Promise<AnswerOf<C>> {
    if (this.state === 'down' && !opts.evenIfDown) return Promise.reject(new PeerUnavailableError(this.name, `down since ${new Date(this.lastFailureMs ?? 0).toISOString()} (${this.lastError})`));
    return new Promise<AnswerOf<C>>((resolve, reject) => {
      const wait = deadlineMs - this.now();
      let done = false;
      const timer = setTimeout(() => settle(() => reject(new PeerUnavailableError(this.name, `no answer within the request's time (${Math.max(0, wait)} ms)`))), Math.max(1, wait));
      const settle = (fn: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        fn();
      };
      this.pending.push({ call, deadlineMs, resolve: (a) => settle(() => resolve(a as AnswerOf<C>)), reject: (e) => settle(() => reject(e)) });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.send());
      }
    });
  }

  /** Asks whether the node answers, and records the outcome and what it says of itself. */
  async probe(timeoutMs: number): Promise<boolean> {
    try {
      this.lastPing = await this.request({ op: 'ping' }, this.now() + timeoutMs, { evenIfDown: true });
      this.lastProbeAnswerMs = this.now();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Whether the node answered a probe within the last `withinMs`: what decides who persists a
   * series in a shared store. A read that timed out on a busy node makes it `down` for reads at
   * once; only probes unanswered for that long make it gone for the others to take over.
   */
  isAlive(withinMs: number): boolean {
    return this.now() - this.lastProbeAnswerMs <= withinMs;
  }

  /** What the node said of itself at its last answered probe (null before any). */
  get self(): PingAnswer | null {
    return this.lastPing;
  }

  /** Up, and not catching up on what it missed as far as its last probe said. */
  get isCaughtUp(): boolean {
    return this.state === 'up' && (this.lastPing?.caughtUp ?? true);
  }

  private send(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const deadline = Math.max(...batch.map((p) => p.deadlineMs));
    this.client.call(
      batch.map((p) => p.call),
      deadline - this.now(),
    ).then(
      (answers) => {
        this.answered();
        batch.forEach((p, i) => {
          const a = answers[i];
          if (a instanceof RemoteCallError) p.reject(a);
          else p.resolve(a);
        });
      },
      (err: Error) => {
        // a node that refused the batch for want of a place is busy, not down: later reads still ask it
        if (!(err instanceof PeerBusyError)) this.failed(err.message);
        for (const p of batch) p.reject(err instanceof PeerUnavailableError ? err : new PeerUnavailableError(this.name, err.message));
      },
    );
  }

  private answered(): void {
    this.state = 'up';
    this.lastAnswerMs = this.now();
  }

  private failed(reason: string): void {
    if (this.state === 'up') this.downSinceMs = this.now();
    this.state = 'down';
    this.lastFailureMs = this.now();
    this.lastError = reason;
  }

  close(): void {
    this.client.close();
  }
}
