import { BackendUnavailableError } from '../../lib/service-errors.js';
import { WHOLE, type WorkSlicer } from '../../lib/work-slicer.js';
import { RenderLimitError } from './errors.js';
import { renderTimeout } from './render-work.js';

export interface RenderLimits {
  /** distinct series fetched by one request (per time range it is read over) */
  readonly maxSeries: number;
  /** points fetched by one request, all series together: counted before anything is read */
  readonly maxPoints: number;
  readonly timeoutMs: number;
  /** targets of one request (default 500) */
  readonly maxTargets?: number;
  /** function calls nested in one target (default 100, the parser's) */
  readonly maxDepth?: number;
  /** path expressions (and seriesByTag calls) read by one request, each time range counted (default 20000) */
  readonly maxReads?: number;
}

export const DEFAULT_MAX_TARGETS = 500;
export const DEFAULT_MAX_READS = 20_000;

/** What one request has used of its caps; shared by every fetch and evaluation of the request. */
export class RequestBudget {
  private readonly seriesSeen = new Set<string>();
  private points = 0;
  private plannedReads = 0;
  private readonly deadline: number;

  constructor(
    readonly limits: RenderLimits,
    /** the request's slices of the event loop, and its call-off (RenderWork) */
    readonly slicer: WorkSlicer = WHOLE,
  ) {
    this.deadline = performance.now() + limits.timeoutMs;
  }

  /** Throws once the request is past its time limit or called off. */
  checkDeadline(): void {
    this.slicer.signal?.throwIfAborted();
    if (performance.now() > this.deadline) throw renderTimeout(this.limits.timeoutMs);
  }

  /** Lets other work run when the request's slice is spent; throws as checkDeadline. */
  async pause(): Promise<void> {
    await this.slicer.tick();
    this.checkDeadline();
  }

  /**
   * `work` (a request to a backend), unless the request's time runs out first: a remote backend
   * (`backend` named) is then said not to answer in time (a 503); the embedded one's time is the
   * request's own work (the time limit's 422). Either way the request does not wait on past it.
   */
  within<T>(work: Promise<T>, backend: string | undefined): Promise<T> {
    const left = this.deadline - performance.now();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const within = `within the render time limit of ${this.limits.timeoutMs} ms (limits.render.timeoutMs)`;
        reject(backend === undefined ? new RenderLimitError(`render took longer than ${this.limits.timeoutMs} ms`, 'limits.render.timeoutMs') : new BackendUnavailableError(backend, `no answer ${within}`));
      }, Math.max(0, left));
    });
    // the work's own failure after the deadline has nobody left to hear it
    work.catch(() => undefined);
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
  }

  /** How many more distinct series this request may fetch. */
  seriesLeft(): number {
    return this.limits.maxSeries - this.seriesSeen.size;
  }

  addSeries(key: string): void {
    this.seriesSeen.add(key);
    if (this.seriesSeen.size > this.limits.maxSeries) {
      throw new RenderLimitError(`the targets match more than ${this.limits.maxSeries} series`, 'limits.render.maxSeries');
    }
  }

  /** Refuses a request with more targets than it may have, before any is parsed. */
  checkTargets(count: number): void {
    const max = this.limits.maxTargets ?? DEFAULT_MAX_TARGETS;
    if (count > max) throw new RenderLimitError(`the request has ${count} targets, more than ${max}`, 'limits.render.maxTargets');
  }

  /**
   * Refuses a plan with more (expression, time range) reads than the cap: each is at least one
   * index lookup, so a plan past the cap is refused before the first.
   */
  checkPlannedReads(count: number): void {
    this.plannedReads += count;
    const max = this.limits.maxReads ?? DEFAULT_MAX_READS;
    if (this.plannedReads > max) throw new RenderLimitError(`the targets read more than ${max} path expressions and time ranges`, 'limits.render.maxReads');
  }

  addPoints(n: number): void {
    this.points += n;
    if (this.points > this.limits.maxPoints) {
      throw new RenderLimitError(`the request reads more than ${this.limits.maxPoints} points`, 'limits.render.maxPoints');
    }
  }
}

/** Runs tasks with at most `limit` in flight. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
