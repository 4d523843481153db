import { WorkSlicer } from '../../lib/work-slicer.js';
import { ByteArena, ValueArena, type ValuePool } from '../../lib/value-pool.js';
import { RequestAbandonedError } from '../../lib/service-errors.js';
import { RenderLimitError } from './errors.js';

/**
 * One render's work as the event loop sees it: sliced (WorkSlicer), and called off once its
 * time limit passes or its client leaves. The evaluator, the fetcher and the serialisers pause
 * through `slicer`; a pause after the call-off throws its reason (a RenderLimitError naming
 * limits.render.timeoutMs, or RequestAbandonedError), so nothing more is fetched or computed.
 * The series it reads take their values from `buffers`, given back by `answered()`; its answer
 * is written into `answerBytes`, given back by `sent()`.
 */
export class RenderWork {
  readonly slicer: WorkSlicer;
  /** the request's loans of value arrays (from the route's pool; fresh arrays without one) */
  readonly buffers: ValueArena | undefined;
  /** the request's loans of answer bytes (from the same pool) */
  readonly answerBytes: ByteArena | undefined;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onClientGone = () => this.controller.abort(new RequestAbandonedError());

  constructor(
    readonly timeoutMs: number,
    private readonly client?: AbortSignal,
    pool?: ValuePool,
  ) {
    this.slicer = new WorkSlicer(this.controller.signal);
    this.buffers = pool === undefined ? undefined : new ValueArena(pool);
    this.answerBytes = pool === undefined ? undefined : new ByteArena(pool);
    this.timer = setTimeout(() => this.controller.abort(renderTimeout(timeoutMs)), timeoutMs);
    this.timer.unref();
    client?.addEventListener('abort', this.onClientGone, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The work is over (answered or failed): the timer and the client's listener go. */
  end(): void {
    clearTimeout(this.timer);
    this.client?.removeEventListener('abort', this.onClientGone);
  }

  /**
   * The answer is made and every part of the work has finished (the evaluation returned, so no
   * read or function still runs): the value arrays go back to the pool. Not after a failure, when
   * work called off may still hold some of them: those are left to the garbage collector.
   */
  answered(): void {
    this.buffers?.release();
  }

  /**
   * The answer has been handed to the socket (the response's 'finish'): its bytes go back to the
   * pool. Not when the response ends otherwise (a client gone mid-write), as the socket may still
   * refer to them.
   */
  sent(): void {
    this.answerBytes?.release();
  }
}

export function renderTimeout(timeoutMs: number): RenderLimitError {
  return new RenderLimitError(`render took longer than ${timeoutMs} ms`, 'limits.render.timeoutMs');
}
