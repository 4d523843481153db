import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long a request's work may hold the event loop before it lets other work run. */
export const DEFAULT_SLICE_MS = 8;

/**
 * The slices are the process's, not each request's: every WorkSlicer pauses at the same turn
 * of the event loop and counts its slice from the same start, so however many requests run
 * (or however many reads of one request run at once), the loop is held about one slice
 * between two turns. Requests paused together resume together, in the order they paused,
 * each going on until the shared slice is spent again.
 */
let sliceStart = performance.now();
let turn: Promise<void> | null = null;

function nextSharedTurn(): Promise<void> {
  turn ??= nextTurn().then(() => {
    turn = null;
    sliceStart = performance.now();
  });
  return turn;
}

/**
 * Cuts one request's synchronous work into slices of about `sliceMs`: long loops call `tick()`
 * (or test `due()` and call `pause()`) between units of work, and once the slice is spent the
 * work waits for the next turn of the event loop (setImmediate: after pending I/O, so other
 * requests and ingest run in between). Each pause also checks `signal`: a request past its time
 * limit or abandoned by its client stops at its next pause with the signal's reason.
 *
 * A loop over the units of one answer calls it per unit (a series, a few thousand points):
 * the clock read costs about as much as writing one point, so per unit it is free.
 */
export class WorkSlicer {
  constructor(
    readonly signal?: AbortSignal,
    readonly sliceMs = DEFAULT_SLICE_MS,
  ) {}

  /** the current slice is spent: pause before more work */
  due(): boolean {
    return performance.now() - sliceStart >= this.sliceMs;
  }

  /** Lets the event loop run, then throws the signal's reason if the work was called off. */
  async pause(): Promise<void> {
    this.signal?.throwIfAborted();
    do {
      await nextSharedTurn();
      this.signal?.throwIfAborted();
      // others resumed at the same turn may have spent the slice already
    } while (this.due());
  }

  /** pause() when the slice is spent; otherwise only the abort check */
  async tick(): Promise<void> {
    if (this.due()) await this.pause();
    else this.signal?.throwIfAborted();
  }

  /**
   * Runs a generator of work to its end, pausing between its steps whenever the slice is spent.
   * Work written as a generator (`yield` between units) runs sliced here, or whole with runWhole.
   */
  async run<T>(work: Generator<unknown, T>): Promise<T> {
    for (;;) {
      const step = work.next();
      if (step.done) return step.value;
      if (this.due()) await this.pause();
    }
  }
}

/** A generator of work (see WorkSlicer.run) run to its end at once, never pausing. */
export function runWhole<T>(work: Generator<unknown, T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** A slicer that never pauses: for work that has no request to share the loop with (tests, tools). */
export const WHOLE = new WorkSlicer(undefined, Infinity);
