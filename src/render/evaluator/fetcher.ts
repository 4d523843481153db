import type { MetricIndex } from '../../finders/metric-index.js';
import type { FetchedSeries, SeriesReader } from '../../readers/series-reader.js';
import { InputError } from '../function-types.js';
import { Series } from '../series.js';
import type { RequestBudget, Semaphore } from './limits.js';

/** An index that can also resolve graphite tag expressions (seriesByTag); optional. */
export interface TagSeriesFinder {
  findSeries(expressions: readonly string[]): Promise<readonly string[]> | AsyncIterable<string>;
}

function tagFinder(index: MetricIndex): TagSeriesFinder | null {
  const f = (index as Partial<TagSeriesFinder>).findSeries;
  return typeof f === 'function' ? (index as unknown as TagSeriesFinder) : null;
}

interface Fetched {
  readonly data: FetchedSeries;
  /** the first user takes the values as they are; later users get copies (functions may write into them) */
  handedOut: boolean;
}

/**
 * Fetches the series of path expressions for one request: globs expand through the index,
 * each leaf is read through the SeriesReader with at most `concurrency` reads in flight, and
 * answers are kept per (time range, expression) so a target that names a path twice, or a
 * function that re-evaluates, reads it once. Counts series and points against the budget.
 */
export class RequestFetcher {
  private readonly cache = new Map<string, Promise<Fetched[]>>();

  constructor(
    private readonly index: MetricIndex,
    private readonly reader: SeriesReader,
    private readonly budget: RequestBudget,
    private readonly reads: Semaphore,
  ) {}

  /** Starts fetching every expression now (graphite-web's prefetch); errors surface on use. */
  prefetch(expressions: Iterable<string>, from: number, until: number, now: number): Promise<void> {
    const all = [...expressions].map((e) => this.entries(e, from, until, now, false));
    return Promise.all(all).then(() => undefined);
  }

  /** The series of one path expression (or of a `seriesByTag(...)` call's text), sorted by name. */
  async fetch(expression: string, from: number, until: number, now: number, xFilesFactor: number, byTag = false): Promise<Series[]> {
    const entries = await this.entries(expression, from, until, now, byTag);
    return entries.map((e) => {
      const f = e.data;
      const values = e.handedOut ? f.values.slice() : f.values;
      e.handedOut = true;
      return new Series(f.name, f.start, f.end, f.step, values, { pathExpression: expression, xFilesFactor });
    });
  }

  private entries(expression: string, from: number, until: number, now: number, byTag: boolean): Promise<Fetched[]> {
    const key = `${from}|${until}|${now}|${byTag ? 'tag' : 'path'}|${expression}`;
    let p = this.cache.get(key);
    if (!p) {
      p = this.load(expression, from, until, now, byTag);
      // keep unhandled-rejection warnings away for prefetches nobody awaits yet
      p.catch(() => undefined);
      this.cache.set(key, p);
    }
    return p;
  }

  private async load(expression: string, from: number, until: number, now: number, byTag: boolean): Promise<Fetched[]> {
    const names = byTag ? await this.tagNames(expression) : await this.leafNames(expression, from, until);
    for (const name of names) this.budget.addSeries(`${from}|${until}|${name}`);
    const fetched = await Promise.all(
      names.map((name) =>
        this.reads.run(async () => {
          this.budget.checkDeadline();
          const data = await this.reader.fetch(name, from, until, now);
          if (data) this.budget.addPoints(data.values.length);
          return data;
        }),
      ),
    );
    const out: Fetched[] = [];
    for (const data of fetched) if (data) out.push({ data, handedOut: false });
    out.sort((a, b) => (a.data.name < b.data.name ? -1 : a.data.name > b.data.name ? 1 : 0));
    return out;
  }

  private async leafNames(pattern: string, from: number, until: number): Promise<string[]> {
    const names = new Set<string>();
    const limit = Math.max(1, this.budget.seriesLeft() + 1);
    for await (const node of this.index.find(pattern, { leavesOnly: true, from, until, limit })) {
      if (node.isLeaf) names.add(node.path);
      if (names.size % 1024 === 0) this.budget.checkDeadline();
    }
    return [...names];
  }

  /** `seriesByTag('a=b', ...)`: the tag expressions, resolved by the index when it can. */
  private async tagNames(call: string): Promise<string[]> {
    const finder = tagFinder(this.index);
    if (!finder) throw new InputError('seriesByTag is not supported by this metric index');
    const expressions = tagExpressions(call);
    if (expressions.length === 0) throw new InputError('seriesByTag needs at least one tag expression');
    const found = finder.findSeries(expressions);
    const names = new Set<string>();
    if (Symbol.asyncIterator in (found as object)) for await (const n of found as AsyncIterable<string>) names.add(n);
    else for (const n of await (found as Promise<readonly string[]>)) names.add(n);
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
