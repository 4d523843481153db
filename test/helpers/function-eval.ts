/**
 * carbyne's real evaluator (parser, binder, planner, functions) over series that come from a
 * callback per path expression and time range instead of the index and the store: graphite-web's
 * own fetch answers (the golden raw inputs), so functions can be checked on exactly the inputs
 * graphite-web computed from, and the capture script can record which inputs a target reads.
 */
import type { MetricIndex, MetricNode } from '../../src/finders/metric-index.js';
import type { FetchedSeries, SeriesReader } from '../../src/readers/series-reader.js';
import { Evaluator } from '../../src/render/evaluator/evaluator.js';
import { functionMap } from '../../src/render/function-map.js';
import type { AnyRenderFunction, RequestContext } from '../../src/render/function-types.js';
import type { Series } from '../../src/render/series.js';
import { RENDER_FUNCTIONS } from '../../src/render/functions/index.js';
import { MemoryTagIndex } from '../../src/finders/tags/memory-tag-index.js';
import { parseMetricName } from '../../src/series/name.js';

export interface HarnessOptions {
  /** the series of a path expression over [startTime, endTime], as graphite-web fetches them */
  fetch: (path: string, startTime: number, endTime: number) => Series[] | Promise<Series[]>;
  functions?: readonly AnyRenderFunction[];
  /** the tagged series seriesByTag may find (display names); each is then fetched by its name */
  tagged?: readonly string[];
}

/** An index and a reader answering from `fetch`: a glob's leaves are the series it fetches over that range. */
class CallbackSource implements MetricIndex, SeriesReader {
  private readonly byRange = new Map<string, Series>();

  constructor(private readonly fetchSeries: HarnessOptions['fetch']) {}

  async *find(pattern: string, opts: { from?: number; until?: number } = {}): AsyncIterable<MetricNode> {
    const from = opts.from ?? 0;
    const until = opts.until ?? 0;
    for (const s of await this.fetchSeries(pattern, from, until)) {
      this.byRange.set(`${s.name}|${from}|${until}`, s);
      yield { path: s.name, isLeaf: true };
    }
  }

  async fetch(name: string, from: number, until: number): Promise<FetchedSeries | null> {
    // a series found by tag (not by a glob here) is fetched by its own name
    const s = this.byRange.get(`${name}|${from}|${until}`) ?? (name.includes(';') ? (await this.fetchSeries(name, from, until))[0] : undefined);
    if (!s) return null;
    return { name, tags: s.tags, start: s.start, end: s.end, step: s.step, values: s.values.slice(), aggregation: 'average', xFilesFactor: 0 };
  }

  fetchMany(names: readonly string[], from: number, until: number): Promise<Array<FetchedSeries | null>> {
    return Promise.all(names.map((n) => this.fetch(n, from, until)));
  }

  async register(): Promise<void> {}
  async unregister(): Promise<number> {
    return 0;
  }
  async delete(): Promise<number> {
    return 0;
  }
  async close(): Promise<void> {}
}

export async function evaluateTarget(target: string, request: RequestContext, opts: HarnessOptions): Promise<Series[]> {
  return evaluateTargets([target], request, opts);
}

/** Several targets of one request, as /render evaluates them (one plan, one request's state). */
export async function evaluateTargets(targets: readonly string[], request: RequestContext, opts: HarnessOptions): Promise<Series[]> {
  const source = new CallbackSource(opts.fetch);
  let tagIndex: MemoryTagIndex | undefined;
  if (opts.tagged) {
    tagIndex = new MemoryTagIndex();
    for (const name of opts.tagged) {
      const parsed = parseMetricName(name);
      if (!parsed.ok) throw new Error(`${name}: ${parsed.reason}`);
      tagIndex.add(parsed.metric);
    }
  }
  const evaluator = new Evaluator({
    index: source,
    reader: source,
    tagIndex,
    functions: functionMap(opts.functions ?? RENDER_FUNCTIONS),
    limits: { maxSeries: 1_000_000, maxPoints: 1_000_000_000, timeoutMs: 600_000 },
  });
  return evaluator.evaluate(targets, request);
}

/** A series as graphite-web's JSON answer shows it. */
export function seriesToJson(s: Series) {
  const datapoints: [number | null, number][] = [];
  const step = s.step * s.valuesPerPoint;
  for (let i = 0, t = s.start; i < s.values.length && t <= s.end; i++, t += step) {
    const v = s.values[i];
    datapoints.push([Number.isNaN(v) ? null : v, t]);
  }
  return { target: s.name, tags: s.tags, datapoints };
}
