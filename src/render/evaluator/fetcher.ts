import type { ValueBuffers } from '../../lib/value-pool.js';
import type { MetricIndex } from '../../finders/metric-index.js';
import type { TagIndex, TagLimits } from '../../finders/tag-index.js';
import { TagExpressionError } from '../../finders/tag-expressions.js';
import { DEFAULT_TAG_LIMITS, TagLimitError } from '../../finders/tags/tag-work.js';
import { RenderLimitError } from './errors.js';
import { GlobError } from '../../finders/glob/errors.js';
import type { FetchedSeries, PlannedReads, PlannedSeries, SeriesReader } from '../../readers/series-reader.js';
import { InputError } from '../function-types.js';
import { Series } from '../series.js';
import { consolidatedNow, timeRangeOf } from '../consolidation.js';
import type { RequestBudget, Semaphore } from './limits.js';
import { fetchKey, type FetchRequest } from './planner.js';


/** One series read over one range, shared by every expression (and use) that matches it. */
class LeafRead {
  /** uses announced by the plan, over every expression that matches this series */
  expectedUses = 0;
  uses = 0;
  /** the last announced use got the values themselves: a use after it needs its own read */
  handedOver = false;
  /** planned while the request is evaluated: more uses may be announced later, so none takes the values */
  open = false;

  constructor(readonly data: Promise<FetchedSeries | null>) {}
}

/** A series to read, once every series of its prefetch is known and counted. */
interface PendingRead {
  readonly name: string;
  readonly from: number;
  readonly until: number;
  readonly now: number;
  readonly settle: (data: Promise<FetchedSeries | null>) => void;
}

/** One expression over one time range: its series, and how many uses the request's targets make of it. */
interface Entry {
  /** settled once the expression's series are known and counted against the budget, before any is read */
  readonly named: Promise<void>;
  readonly leaves: Promise<LeafRead[]>;
  expectedUses: number;
  uses: number;
  /** the leaves, once the expression is resolved: uses announced later go straight to them */
  resolved?: LeafRead[];
  /** see LeafRead.open */
  open: boolean;
}

/**
 * The remote index's and store's names, for the 503 that says one did not answer in time;
 * absent for an embedded one, whose time is the request's own work (the time limit's 422).
 */
export interface BackendNames {
  readonly index?: string;
  readonly store?: string;
}

/** Series per SeriesReader.fetchMany call (one store round trip each); see RequestFetcher. */
export const DEFAULT_FETCH_BATCH = 500;

/**
 * Fetches the series of path expressions for one request: globs expand through the index,
 * the series are read through the SeriesReader in batches (one store round trip each) with at
 * most `reads`' bound of batches in flight, and reads are kept per (time range, series) so a
 * target that names a path twice, two globs that match the same series, or two functions that
 * read it over the same range, read it once. The planner tells it every read and use up front
 * (prefetch).
 *
 * Nothing is read before the whole request is known to be within its caps: a prefetch first
 * expands every expression of its plan (each series counted against the budget as the index
 * yields it, so a wide glob stops the index at the cap), then looks every series up and counts
 * the points the reads will return (SeriesReader.planMany), and only then reads.
 */
export class RequestFetcher {
  private readonly cache = new Map<string, Entry>();
  private readonly leafReads = new Map<string, LeafRead>();
  /** series whose read waits for the rest of their prefetch to be named */
  private pending: PendingRead[] = [];
  /** the last expression's turn to start resolving (turnToResolve) */
  private resolveTurns: Promise<void> = Promise.resolve();
  /** see consolidateAsRead */
  private consolidation?: { readonly maxDataPoints: number; readonly xFilesFactor: number };

  constructor(
    private readonly index: MetricIndex,
    private readonly reader: SeriesReader,
    private readonly budget: RequestBudget,
    private readonly reads: Semaphore,
    /** seriesByTag's answers; absent, seriesByTag is an input error */
    private readonly tagIndex?: TagIndex,
    private readonly batchSize = DEFAULT_FETCH_BATCH,
    private readonly tagLimits: TagLimits = DEFAULT_TAG_LIMITS,
    /** how a slow backend is named in a 503: the index's and the store's */
    private readonly backends: BackendNames = {},
    /** where planned reads take their values (the request's pooled arrays) */
    private readonly buffers?: ValueBuffers,
  ) {}

  /**
   * Starts every read of a plan now (graphite-web's prefetch), each request telling how many
   * times the targets use it; fails with the first read that fails. A plan made while the
   * request is evaluated (`open`: a window of points, a target built by a function) cannot know
   * the uses still to come, so its reads are never handed over, only copied.
   */
  async prefetch(requests: Iterable<FetchRequest>, open = false): Promise<void> {
    const list = [...requests];
    this.budget.checkPlannedReads(list.length);
    const entries: Entry[] = [];
    for (const r of list) {
      const entry = this.entry(r.expression, r.startTime, r.endTime, r.now, r.byTag);
      expect(entry, r.uses);
      if (open || r.open) markOpen(entry);
      entries.push(entry);
    }
    try {
      // every expression expanded and counted, then every series planned and counted: then read
      await Promise.all(entries.map((e) => e.named));
      await this.readPending();
    } catch (err) {
      this.abandonPending(err);
      throw err;
    }
    await Promise.all(entries.map((e) => e.leaves));
  }

  /**
   * The next prefetch's series are the whole answer, as they are read (every target a bare path
   * expression): each is consolidated to `maxDataPoints` (graphite-web's json consolidation,
   * over the range of all of them, known from the plan) as soon as its batch is read, so the
   * raw points of a long range never pile up. Only with a reader that plans its reads.
   */
  consolidateAsRead(maxDataPoints: number, xFilesFactor: number): void {
    if (maxDataPoints > 1) this.consolidation = { maxDataPoints, xFilesFactor };
  }

  /** The series of one path expression (or of a `seriesByTag(...)` call's text), sorted by name. */
  async fetch(expression: string, from: number, until: number, now: number, xFilesFactor: number, byTag = false): Promise<Series[]> {
    const entry = this.entry(expression, from, until, now, byTag);
    // a use the plan did not announce counts now
    if (entry.uses >= entry.expectedUses) expect(entry, 1);
    entry.uses++;
    // an expression no prefetch announced is read on its own
    await entry.named;
    await this.readPending();
    const out: Series[] = [];
    for (const leaf of await entry.leaves) {
      // a copy per use of many series: sliced as the reads are
      await this.budget.pause();
      const f = await this.use(leaf, from, until, now);
      if (f) out.push(new Series(f.name, f.start, f.end, f.step, f.values, { pathExpression: expression, xFilesFactor }));
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** A use of one read: functions may write into the values they get, so every use but the last gets a copy. */
  private async use(leaf: LeafRead, from: number, until: number, now: number): Promise<FetchedSeries | null> {
    const data = await leaf.data;
    if (!data) return null;
    if (leaf.handedOver) {
      // the values were handed over already (a use nobody announced): read again rather than share them
      return this.read(data.name, from, until, now);
    }
    leaf.uses++;
    if (leaf.open || leaf.uses < leaf.expectedUses) return { ...data, values: data.values.slice() };
    leaf.handedOver = true;
    return data;
  }

  private entry(expression: string, from: number, until: number, now: number, byTag: boolean): Entry {
    const key = fetchKey(expression, from, until, now, byTag);
    let entry = this.cache.get(key);
    if (!entry) {
      const created: Entry = { named: Promise.resolve(), leaves: Promise.resolve([]), expectedUses: 0, uses: 0, open: false };
      const named = this.resolve(created, expression, from, until, now, byTag);
      const leaves = named.then((leaves) => Promise.all(leaves.map((l) => l.data)).then(() => leaves));
      // keep unhandled-rejection warnings away for prefetches nobody awaits yet
      named.catch(() => undefined);
      leaves.catch(() => undefined);
      entry = Object.assign(created, { named: named.then(() => undefined), leaves });
      this.cache.set(key, entry);
    }
    return entry;
  }

  /**
   * The expression's series names, each to be read once for the request however many
   * expressions match it: counted against the budget and queued for readPending.
   */
  private async resolve(entry: Entry, expression: string, from: number, until: number, now: number, byTag: boolean): Promise<LeafRead[]> {
    await this.turnToResolve();
    const names = byTag ? await this.tagNames(expression, from, until) : await this.leafNames(expression, from, until);
    const leaves: LeafRead[] = [];
    for (const name of names) {
      const key = `${from}|${until}|${now}|${name}`;
      let leaf = this.leafReads.get(key);
      if (!leaf) {
        let settle!: (data: Promise<FetchedSeries | null>) => void;
        leaf = new LeafRead(new Promise((resolve) => (settle = resolve)));
        leaf.data.catch(() => undefined);
        this.leafReads.set(key, leaf);
        this.pending.push({ name, from, until, now, settle });
      }
      leaf.expectedUses += entry.expectedUses;
      leaf.open ||= entry.open;
      leaves.push(leaf);
    }
    entry.resolved = leaves;
    return leaves;
  }

  /**
   * Waits until this expression may start resolving. A request of many expressions starts them
   * all at once; a pause checked by each at its start would find the slice unspent for all of
   * them (none has worked yet), and the 300 finds of a POST of 300 targets would then start in
   * one turn of the loop. So each checks the slice only once the one before has started its
   * find (and done what it could within the slice): the finds go on together, started a
   * slice's worth at a time.
   */
  private turnToResolve(): Promise<void> {
    const turn = this.resolveTurns.then(() => this.budget.pause());
    this.resolveTurns = turn.catch(() => undefined);
    return turn;
  }

  /**
   * Reads every queued series: first each batch is planned (looked up: its points known), the
   * points of all counted against the budget, and only then are they read. Over the cap,
   * nothing is read.
   */
  private async readPending(): Promise<void> {
    const queued = this.pending;
    this.pending = [];
    if (queued.length === 0) return;
    const batches: PendingRead[][] = [];
    const byRange = new Map<string, PendingRead[]>();
    for (const p of queued) {
      const key = `${p.from}|${p.until}|${p.now}`;
      let list = byRange.get(key);
      if (!list) byRange.set(key, (list = []));
      list.push(p);
      if (list.length === this.batchSize) {
        batches.push(list);
        byRange.set(key, []);
      }
    }
    for (const list of byRange.values()) if (list.length > 0) batches.push(list);
    let plans: Array<PlannedReads | null>;
    try {
      plans = await Promise.all(batches.map((b) => this.plan(b)));
      let points = 0;
      for (const p of plans) if (p) points += p.points;
      this.budget.addPoints(points);
    } catch (err) {
      for (const p of queued) p.settle(Promise.reject(err));
      throw err;
    }
    const shape = this.consolidatingShape(plans);
    batches.forEach((batch, i) => {
      const plan = plans[i];
      const { from, until, now } = batch[0];
      const answers = plan ? this.reads.run(() => this.readPlanned(plan, shape)) : this.readMany(batch.map((p) => p.name), from, until, now);
      batch.forEach((p, k) => p.settle(answers.then((a) => a[k])));
    });
  }

  /** One batch looked up (one registry round trip), when the reader can say its points before reading. */
  private plan(batch: readonly PendingRead[]): Promise<PlannedReads | null> {
    const reader = this.reader;
    if (!reader.planMany) return Promise.resolve(null);
    const { from, until, now } = batch[0];
    return this.reads.run(async () => {
      this.budget.checkDeadline();
      return reader.planMany!(batch.map((p) => p.name), from, until, now);
    });
  }

  /** consolidateAsRead's consolidation of each series read, once every read is planned (null: none) */
  private consolidatingShape(plans: ReadonlyArray<PlannedReads | null>): ((f: FetchedSeries) => FetchedSeries) | undefined {
    const c = this.consolidation;
    this.consolidation = undefined;
    if (c === undefined || plans.some((p) => p === null)) return undefined;
    const planned: PlannedSeries[] = [];
    for (const p of plans) for (const s of p!.series) if (s !== null) planned.push(s);
    const range = timeRangeOf(planned);
    return (f) => {
      const s = consolidatedNow(new Series(f.name, f.start, f.end, f.step, f.values, { xFilesFactor: c.xFilesFactor }), range, c.maxDataPoints);
      return { ...f, start: s.start, end: s.end, step: s.step, values: s.values };
    };
  }

  /** A planned batch read, in the reader's own batches of about one slice each, pausing between them. */
  private async readPlanned(plan: PlannedReads, shape: ((f: FetchedSeries) => FetchedSeries) | undefined): Promise<Array<FetchedSeries | null>> {
    this.budget.checkDeadline();
    const answers = await plan.read({ pause: () => this.budget.pause(), shape, buffers: this.buffers });
    this.budget.checkDeadline();
    return answers;
  }

  /** A prefetch that failed before its reads: the series it queued are never read. */
  private abandonPending(err: unknown): void {
    const queued = this.pending;
    this.pending = [];
    for (const p of queued) p.settle(Promise.reject(err));
  }

  private async read(name: string, from: number, until: number, now: number): Promise<FetchedSeries | null> {
    return (await this.readMany([name], from, until, now))[0];
  }

  /** One batch of series, one store round trip, within the bound of batches in flight. */
  private readMany(names: string[], from: number, until: number, now: number): Promise<Array<FetchedSeries | null>> {
    return this.reads.run(async () => {
      await this.budget.pause();
      const answers = await this.budget.within(this.reader.fetchMany(names, from, until, now), this.backends.store);
      this.budget.checkDeadline();
      for (const data of answers) if (data) this.budget.addPoints(data.values.length);
      return answers;
    });
  }

  private async leafNames(pattern: string, from: number, until: number): Promise<string[]> {
    const names = new Set<string>();
    const limit = Math.max(1, this.budget.seriesLeft() + 1);
    const walk = async () => {
      for await (const node of this.index.find(pattern, { leavesOnly: true, from, until, limit, signal: this.budget.slicer.signal })) {
        if (!node.isLeaf || names.has(node.path)) continue;
        names.add(node.path);
        // counted as found, against the whole request: expressions expanded together stop at the cap together
        this.budget.addSeries(`${from}|${until}|${node.path}`);
        if (names.size % 1024 === 0) await this.budget.pause();
      }
    };
    try {
      await this.budget.within(walk(), this.backends.index);
    } catch (err) {
      // a pattern the index refuses to evaluate (too long, too many brace variants) is the user's
      if (err instanceof GlobError) throw new InputError(`${err.message} in ${JSON.stringify(truncate(pattern))}`);
      throw err;
    }
    return [...names];
  }

  /** `seriesByTag('a=b', ...)`: the tag expressions, resolved by the index when it can. */
  private async tagNames(call: string, from: number, until: number): Promise<string[]> {
    if (!this.tagIndex) throw new InputError('seriesByTag is not supported without a tag index');
    const expressions = tagExpressions(call);
    // no expression at all is graphite-web's "At least one tagspec must not match the empty string" too
    // more series than the request may still fetch fails it: the index need not find more
    const left = Math.max(0, this.budget.seriesLeft());
    const renderBound = left < this.tagLimits.maxSeries;
    let names: string[];
    try {
      names = await this.budget.within(this.tagIndex.findSeries(expressions, renderBound ? { ...this.tagLimits, maxSeries: left } : this.tagLimits), this.backends.index);
    } catch (err) {
      if (err instanceof TagExpressionError) throw new InputError(err.message);
      if (err instanceof TagLimitError && renderBound && err.setting === 'limits.tags.maxSeries') {
        throw new RenderLimitError(`the targets match more than ${this.budget.limits.maxSeries} series`, 'limits.render.maxSeries');
      }
      if (err instanceof TagLimitError) throw new RenderLimitError(err.detail, err.setting);
      throw err;
    }
    // counted as found, against the whole request (see leafNames)
    for (const n of names) this.budget.addSeries(`${from}|${until}|${n}`);
    return names;
  }
}

/** The quoted arguments of a `seriesByTag(...)` call's text. */
export function tagExpressions(call: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g;
  const open = call.indexOf('(');
  for (const m of call.slice(open + 1, call.lastIndexOf(')')).matchAll(re)) out.push(m[1] ?? m[2]);
  return out;
}

/** A pattern short enough to quote in an error message. */
function truncate(pattern: string): string {
  return pattern.length <= 200 ? pattern : `${pattern.slice(0, 200)}...`;
}

/** More uses of an expression announced: its series expect them too, once they are known. */
function expect(entry: Entry, uses: number): void {
  entry.expectedUses += uses;
  if (entry.resolved) for (const leaf of entry.resolved) leaf.expectedUses += uses;
}

function markOpen(entry: Entry): void {
  entry.open = true;
  if (entry.resolved) for (const leaf of entry.resolved) leaf.open = true;
}
