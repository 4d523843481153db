import type { MetricIndex } from '../../finders/metric-index.js';
import type { TagIndex, TagLimits } from '../../finders/tag-index.js';
import { TagExpressionError } from '../../finders/tag-expressions.js';
import { DEFAULT_TAG_LIMITS, TagLimitError } from '../../finders/tags/tag-work.js';
import { RenderLimitError } from './errors.js';
import { GlobError } from '../../finders/glob/errors.js';
import type { FetchedSeries, SeriesReader } from '../../readers/series-reader.js';
import { InputError } from '../function-types.js';
import { Series } from '../series.js';
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

/** One expression over one time range: its series, and how many uses the request's targets make of it. */
interface Entry {
  readonly leaves: Promise<LeafRead[]>;
  expectedUses: number;
  uses: number;
  /** the leaves, once the expression is resolved: uses announced later go straight to them */
  resolved?: LeafRead[];
  /** see LeafRead.open */
  open: boolean;
}

/** Series per SeriesReader.fetchMany call (one store round trip each); see RequestFetcher. */
export const DEFAULT_FETCH_BATCH = 500;

/**
 * Fetches the series of path expressions for one request: globs expand through the index,
 * the series are read through the SeriesReader in batches (one store round trip each) with at
 * most `reads`' bound of batches in flight, and reads are kept per (time range, series) so a
 * target that names a path twice, two globs that match the same series, or two functions that
 * read it over the same range, read it once. The planner tells it every read and use up front
 * (prefetch). Counts series and points against the budget.
 */
export class RequestFetcher {
  private readonly cache = new Map<string, Entry>();
  private readonly leafReads = new Map<string, LeafRead>();

  constructor(
    private readonly index: MetricIndex,
    private readonly reader: SeriesReader,
    private readonly budget: RequestBudget,
    private readonly reads: Semaphore,
    /** seriesByTag's answers; absent, seriesByTag is an input error */
    private readonly tagIndex?: TagIndex,
    private readonly batchSize = DEFAULT_FETCH_BATCH,
    private readonly tagLimits: TagLimits = DEFAULT_TAG_LIMITS,
  ) {}

  /**
   * Starts every read of a plan now (graphite-web's prefetch), each request telling how many
   * times the targets use it; fails with the first read that fails. A plan made while the
   * request is evaluated (`open`: a window of points, a target built by a function) cannot know
   * the uses still to come, so its reads are never handed over, only copied.
   */
  prefetch(requests: Iterable<FetchRequest>, open = false): Promise<void> {
    const all: Promise<unknown>[] = [];
    for (const r of requests) {
      const entry = this.entry(r.expression, r.startTime, r.endTime, r.now, r.byTag);
      expect(entry, r.uses);
      if (open || r.open) markOpen(entry);
      all.push(entry.leaves);
    }
    return Promise.all(all).then(() => undefined);
  }

  /** The series of one path expression (or of a `seriesByTag(...)` call's text), sorted by name. */
  async fetch(expression: string, from: number, until: number, now: number, xFilesFactor: number, byTag = false): Promise<Series[]> {
    const entry = this.entry(expression, from, until, now, byTag);
    // a use the plan did not announce counts now
    if (entry.uses >= entry.expectedUses) expect(entry, 1);
    entry.uses++;
    const out: Series[] = [];
    for (const leaf of await entry.leaves) {
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
      const created: Entry = { leaves: Promise.resolve([]), expectedUses: 0, uses: 0, open: false };
      const leaves = this.resolve(created, expression, from, until, now, byTag);
      // keep unhandled-rejection warnings away for prefetches nobody awaits yet
      leaves.catch(() => undefined);
      entry = Object.assign(created, { leaves });
      this.cache.set(key, entry);
    }
    return entry;
  }

  /** The expression's series names, each read once for the request however many expressions match it. */
  private async resolve(entry: Entry, expression: string, from: number, until: number, now: number, byTag: boolean): Promise<LeafRead[]> {
    const names = byTag ? await this.tagNames(expression) : await this.leafNames(expression, from, until);
    for (const name of names) this.budget.addSeries(`${from}|${until}|${name}`);
    const leaves: LeafRead[] = [];
    const unread: string[] = [];
    const pending: ((data: Promise<FetchedSeries | null>) => void)[] = [];
    for (const name of names) {
      const key = `${from}|${until}|${now}|${name}`;
      let leaf = this.leafReads.get(key);
      if (!leaf) {
        let settle!: (data: Promise<FetchedSeries | null>) => void;
        leaf = new LeafRead(new Promise((resolve) => (settle = resolve)));
        leaf.data.catch(() => undefined);
        this.leafReads.set(key, leaf);
        unread.push(name);
        pending.push(settle);
      }
      leaf.expectedUses += entry.expectedUses;
      leaf.open ||= entry.open;
      leaves.push(leaf);
    }
    for (let i = 0; i < unread.length; i += this.batchSize) {
      const answers = this.readMany(unread.slice(i, i + this.batchSize), from, until, now);
      pending.slice(i, i + this.batchSize).forEach((settle, k) => settle(answers.then((a) => a[k])));
    }
    entry.resolved = leaves;
    await Promise.all(leaves.map((l) => l.data));
    return leaves;
  }

  private async read(name: string, from: number, until: number, now: number): Promise<FetchedSeries | null> {
    return (await this.readMany([name], from, until, now))[0];
  }

  /** One batch of series, one store round trip, within the bound of batches in flight. */
  private readMany(names: string[], from: number, until: number, now: number): Promise<Array<FetchedSeries | null>> {
    return this.reads.run(async () => {
      this.budget.checkDeadline();
      const answers = await this.reader.fetchMany(names, from, until, now);
      this.budget.checkDeadline();
      for (const data of answers) if (data) this.budget.addPoints(data.values.length);
      return answers;
    });
  }

  private async leafNames(pattern: string, from: number, until: number): Promise<string[]> {
    const names = new Set<string>();
    const limit = Math.max(1, this.budget.seriesLeft() + 1);
    try {
      for await (const node of this.index.find(pattern, { leavesOnly: true, from, until, limit })) {
        if (node.isLeaf) names.add(node.path);
        if (names.size % 1024 === 0) this.budget.checkDeadline();
      }
    } catch (err) {
      // a pattern the index refuses to evaluate (too long, too many brace variants) is the user's
      if (err instanceof GlobError) throw new InputError(`${err.message} in ${JSON.stringify(truncate(pattern))}`);
      throw err;
    }
    return [...names];
  }

  /** `seriesByTag('a=b', ...)`: the tag expressions, resolved by the index when it can. */
  private async tagNames(call: string): Promise<string[]> {
    if (!this.tagIndex) throw new InputError('seriesByTag is not supported without a tag index');
    const expressions = tagExpressions(call);
    // no expression at all is graphite-web's "At least one tagspec must not match the empty string" too
    // more series than the request may still fetch fails it: the index need not find more
    const left = Math.max(0, this.budget.seriesLeft());
    const renderBound = left < this.tagLimits.maxSeries;
    try {
      return await this.tagIndex.findSeries(expressions, renderBound ? { ...this.tagLimits, maxSeries: left } : this.tagLimits);
    } catch (err) {
      if (err instanceof TagExpressionError) throw new InputError(err.message);
      if (err instanceof TagLimitError && renderBound && err.setting === 'limits.tags.maxSeries') {
        throw new RenderLimitError(`the targets match more than ${this.budget.limits.maxSeries} series`, 'limits.render.maxSeries');
      }
      if (err instanceof TagLimitError) throw new RenderLimitError(err.detail, err.setting);
      throw err;
    }
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
