import type { MetricIndex } from '../../finders/metric-index.js';
import type { TagIndex } from '../../finders/tag-index.js';
import { TagExpressionError } from '../../finders/tag-expressions.js';
import { GlobError } from '../../finders/glob/errors.js';
import type { FetchedSeries, SeriesReader } from '../../readers/series-reader.js';
import { InputError } from '../function-types.js';
import { Series } from '../series.js';
import type { RequestBudget, Semaphore } from './limits.js';


interface Fetched {
  readonly data: FetchedSeries;
}

/** One expression over one time range: its series, and how many uses the request's targets make of it. */
interface Entry {
  readonly series: Promise<Fetched[]>;
  expectedUses: number;
  uses: number;
}

/** What the index and the store are called in an answer that says one did not answer in time. */
export interface BackendNames {
  readonly index: string;
  readonly store: string;
}

const DEFAULT_BACKEND_NAMES: BackendNames = { index: 'metric index', store: 'store' };

/** Series per SeriesReader.fetchMany call (one store round trip each); see RequestFetcher. */
export const DEFAULT_FETCH_BATCH = 500;

/**
 * Fetches the series of path expressions for one request: globs expand through the index,
 * the leaves are read through the SeriesReader in batches (one store round trip each) with at
 * most `reads`' bound of batches in flight, and
 * answers are kept per (time range, expression) so a target that names a path twice, or a
 * function that re-evaluates, reads it once. Counts series and points against the budget.
 */
export class RequestFetcher {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly index: MetricIndex,
    private readonly reader: SeriesReader,
    private readonly budget: RequestBudget,
    private readonly reads: Semaphore,
    /** seriesByTag's answers; absent, seriesByTag is an input error */
    private readonly tagIndex?: TagIndex,
    private readonly batchSize = DEFAULT_FETCH_BATCH,
    /** how a slow backend is named in a 503: the index's and the store's */
    private readonly backends: BackendNames = DEFAULT_BACKEND_NAMES,
  ) {}

  /**
   * Starts fetching every expression now (graphite-web's prefetch), `uses` telling how many
   * times the targets use each; errors surface on use.
   */
  prefetch(expressions: ReadonlyMap<string, number>, from: number, until: number, now: number): Promise<void> {
    const all = [...expressions].map(([e, uses]) => {
      const entry = this.entry(e, from, until, now, false);
      entry.expectedUses += uses;
      return entry.series;
    });
    return Promise.all(all).then(() => undefined);
  }

  /** The series of one path expression (or of a `seriesByTag(...)` call's text), sorted by name. */
  async fetch(expression: string, from: number, until: number, now: number, xFilesFactor: number, byTag = false): Promise<Series[]> {
    let entry = this.entry(expression, from, until, now, byTag);
    if (entry.uses >= Math.max(1, entry.expectedUses)) {
      // a use nobody announced, after the values were handed over: read again rather than share them
      this.cache.delete(this.key(expression, from, until, now, byTag));
      entry = this.entry(expression, from, until, now, byTag);
    }
    entry.uses++;
    // functions may write into the values they get: every use but the last gets a copy
    const last = entry.uses >= entry.expectedUses;
    const fetched = await entry.series;
    return fetched.map(({ data: f }) => new Series(f.name, f.start, f.end, f.step, last ? f.values : f.values.slice(), { pathExpression: expression, xFilesFactor }));
  }

  private key(expression: string, from: number, until: number, now: number, byTag: boolean): string {
    return `${from}|${until}|${now}|${byTag ? 'tag' : 'path'}|${expression}`;
  }

  private entry(expression: string, from: number, until: number, now: number, byTag: boolean): Entry {
    const key = this.key(expression, from, until, now, byTag);
    let entry = this.cache.get(key);
    if (!entry) {
      const series = this.load(expression, from, until, now, byTag);
      // keep unhandled-rejection warnings away for prefetches nobody awaits yet
      series.catch(() => undefined);
      entry = { series, expectedUses: 0, uses: 0 };
      this.cache.set(key, entry);
    }
    return entry;
  }

  private async load(expression: string, from: number, until: number, now: number, byTag: boolean): Promise<Fetched[]> {
    const names = byTag ? await this.tagNames(expression) : await this.leafNames(expression, from, until);
    for (const name of names) this.budget.addSeries(`${from}|${until}|${name}`);
    const batches: string[][] = [];
    for (let i = 0; i < names.length; i += this.batchSize) batches.push(names.slice(i, i + this.batchSize));
    const fetched = await Promise.all(
      batches.map((batch) =>
        this.reads.run(async () => {
          this.budget.checkDeadline();
          const answers = await this.budget.within(this.reader.fetchMany(batch, from, until, now), this.backends.store);
          this.budget.checkDeadline();
          for (const data of answers) if (data) this.budget.addPoints(data.values.length);
          return answers;
        }),
      ),
    );
    const out: Fetched[] = [];
    for (const answers of fetched) for (const data of answers) if (data) out.push({ data });
    out.sort((a, b) => (a.data.name < b.data.name ? -1 : a.data.name > b.data.name ? 1 : 0));
    return out;
  }

  private async leafNames(pattern: string, from: number, until: number): Promise<string[]> {
    const names = new Set<string>();
    const limit = Math.max(1, this.budget.seriesLeft() + 1);
    const walk = async () => {
      for await (const node of this.index.find(pattern, { leavesOnly: true, from, until, limit })) {
        if (node.isLeaf) names.add(node.path);
        if (names.size % 1024 === 0) this.budget.checkDeadline();
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
  private async tagNames(call: string): Promise<string[]> {
    if (!this.tagIndex) throw new InputError('seriesByTag is not supported without a tag index');
    const expressions = tagExpressions(call);
    if (expressions.length === 0) throw new InputError('seriesByTag needs at least one tag expression');
    const names = new Set<string>();
    try {
      for (const n of await this.budget.within(this.tagIndex.findSeries(expressions), this.backends.index)) names.add(n);
    } catch (err) {
      if (err instanceof TagExpressionError) throw new InputError(err.message);
      throw err;
    }
    return [...names];
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
