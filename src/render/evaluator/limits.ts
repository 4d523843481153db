import { WHOLE, type WorkSlicer } from '../../lib/work-slicer.js';
import { RenderLimitError } from './errors.js';
import { renderTimeout } from './render-work.js';

export interface RenderLimits {
  /** distinct series fetched by one request */
  readonly maxSeries: number;
  /** points fetched by one request, all series together */
  readonly maxPoints: number;
  readonly timeoutMs: number;
}

/** What one request has used of its caps; shared by every fetch and evaluation of the request. */
export class RequestBudget {
  private readonly seriesSeen = new Set<string>();
  private points = 0;
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
