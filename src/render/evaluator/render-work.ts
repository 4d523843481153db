import { WorkSlicer } from '../../lib/work-slicer.js';
import { RequestAbandonedError } from '../../lib/service-errors.js';
import { RenderLimitError } from './errors.js';

/**
 * One render's work as the event loop sees it: sliced (WorkSlicer), and called off once its
 * time limit passes or its client leaves. The evaluator, the fetcher and the serialisers pause
 * through `slicer`; a pause after the call-off throws its reason (a RenderLimitError naming
 * limits.render.timeoutMs, or RequestAbandonedError), so nothing more is fetched or computed.
 */
export class RenderWork {
  readonly slicer: WorkSlicer;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onClientGone = () => this.controller.abort(new RequestAbandonedError());

  constructor(
    readonly timeoutMs: number,
    private readonly client?: AbortSignal,
  ) {
    this.slicer = new WorkSlicer(this.controller.signal);
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
}

export function renderTimeout(timeoutMs: number): RenderLimitError {
  return new RenderLimitError(`render took longer than ${timeoutMs} ms`, 'limits.render.timeoutMs');
}
