import { DEFAULT_MAX_PATTERN_LENGTH } from './tag-regex.js';

/** The bounds of one tag request (findSeries, an autocomplete, a tag listing). */
export interface TagLimits {
  /** most series one answer may name (findSeries, seriesByTag) */
  readonly maxSeries: number;
  /** most values one request may test against regular expressions */
  readonly maxValuesTested: number;
  /** longest regular expression accepted */
  readonly maxPatternLength: number;
  readonly timeoutMs: number;
}

export const DEFAULT_TAG_LIMITS: TagLimits = {
  maxSeries: 100_000,
  maxValuesTested: 1_000_000,
  maxPatternLength: DEFAULT_MAX_PATTERN_LENGTH,
  timeoutMs: 10_000,
};

/** A tag request went past one of its bounds; `setting` names the configuration key. */
export class TagLimitError extends Error {
  override readonly name = 'TagLimitError';
  constructor(
    /** what went past the bound, without the setting */
    readonly detail: string,
    readonly setting: string,
  ) {
    super(`${detail} (${setting})`);
  }
}

/** Work between two looks at the clock. */
const CHECK_EVERY = 1024;
/** Longest run of work before the event loop gets a turn. */
const SLICE_MS = 10;

/**
 * One request's work on the tag index: it runs in slices of at most SLICE_MS (the loops call
 * `tick()` per step and `pause()` when it says so), stops at the deadline, and counts the
 * values it tests against regular expressions.
 */
export class TagWork {
  private readonly deadline: number;
  private sliceStart = performance.now();
  private ops = 0;
  private tested = 0;

  constructor(readonly limits: TagLimits = DEFAULT_TAG_LIMITS) {
    this.deadline = performance.now() + limits.timeoutMs;
  }

  /** One step of work; true when the caller should `await pause()` before the next. */
  tick(): boolean {
    if (++this.ops % CHECK_EVERY !== 0) return false;
    const now = performance.now();
    if (now > this.deadline) throw new TagLimitError(`the tag query took longer than ${this.limits.timeoutMs} ms`, 'limits.tags.timeoutMs');
    return now - this.sliceStart > SLICE_MS;
  }

  /** Gives the event loop a turn. */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
    if (this.sliceStart > this.deadline) throw new TagLimitError(`the tag query took longer than ${this.limits.timeoutMs} ms`, 'limits.tags.timeoutMs');
  }

  /** One value about to be tested against a regular expression. */
  testValue(): void {
    if (++this.tested > this.limits.maxValuesTested) {
      throw new TagLimitError(`the tag query tests more than ${this.limits.maxValuesTested} values against regular expressions`, 'limits.tags.maxValuesTested');
    }
  }
}
