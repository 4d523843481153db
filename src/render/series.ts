import { parseTaggedSeries } from '../series/tagged-series.js';
/**
 * A rendered series, as graphite-web's TimeSeries: step-aligned values from `start` (the
 * first point's timestamp) to `end` (exclusive in storage terms; graphite-web emits
 * timestamps `range(start, end + 1, step * valuesPerPoint)` zipped with the values).
 * A null is NaN.
 */

export const CONSOLIDATION_FUNCS = ['sum', 'average', 'avg', 'avg_zero', 'min', 'max', 'first', 'last'] as const;
export type ConsolidationFunc = (typeof CONSOLIDATION_FUNCS)[number];

/**
 * How a graph draws a series: graphite-web's `series.color` and `series.options`, set by the
 * Graph-group functions (color, alpha, lineWidth, dashed, stacked, secondYAxis, areaBetween,
 * drawAsInfinite, ...) and read by the png/svg renderer. The data formats never show it.
 */
export interface GraphOptions {
  color?: string;
  alpha?: number;
  lineWidth?: number;
  /** dash length; graphite-web's dashed(seriesList, dashLength=5) */
  dashed?: number;
  stacked?: boolean;
  /** the stack a stacked series belongs to (stacked(seriesList, stack)) */
  stack?: string;
  secondYAxis?: boolean;
  drawAsInfinite?: boolean;
  /** areaBetween's lower bound: drawn, but not as a line of its own */
  invisible?: boolean;
}

export interface SeriesInit {
  pathExpression?: string;
  graph?: GraphOptions;
  tags?: Record<string, string>;
  consolidationFunc?: ConsolidationFunc;
  valuesPerPoint?: number;
  xFilesFactor?: number;
  integral?: boolean;
}

export class Series {
  name: string;
  start: number;
  end: number;
  step: number;
  values: Float64Array;
  /** the expression this series came from; functions that re-fetch (timeShift, movingAverage) evaluate it again */
  pathExpression: string;
  /** always holds `name` */
  tags: Record<string, string>;
  consolidationFunc: ConsolidationFunc;
  valuesPerPoint: number;
  xFilesFactor: number;
  /**
   * Values Python holds as ints (countSeries' counts), which graphite-web prints without a
   * `.0` in names (legendValue). Other values, from whisper or from arithmetic, are floats.
   */
  integral: boolean;
  /** drawing options (Graph-group functions); empty for a series fresh from the store */
  graph: GraphOptions;

  constructor(name: string, start: number, end: number, step: number, values: Float64Array, init: SeriesInit = {}) {
    this.name = name;
    this.start = start;
    this.end = end;
    this.step = step;
    this.values = values;
    this.pathExpression = init.pathExpression ?? name;
    this.tags = init.tags ?? parseTags(name);
    this.consolidationFunc = init.consolidationFunc ?? 'average';
    this.valuesPerPoint = init.valuesPerPoint ?? 1;
    this.xFilesFactor = init.xFilesFactor ?? 0;
    this.integral = init.integral ?? false;
    this.graph = init.graph ?? {};
  }

  /**
   * A copy sharing nothing mutable with this one; fields in `changes` replace the copied ones.
   * New values are floats unless `changes.integral` says otherwise.
   */
  copy(changes: Partial<Pick<Series, 'name' | 'start' | 'end' | 'step' | 'values' | 'pathExpression' | 'tags' | 'consolidationFunc' | 'valuesPerPoint' | 'xFilesFactor' | 'integral' | 'graph'>> = {}): Series {
    const s = new Series(
      changes.name ?? this.name,
      changes.start ?? this.start,
      changes.end ?? this.end,
      changes.step ?? this.step,
      changes.values ?? this.values.slice(),
      {
        pathExpression: changes.pathExpression ?? this.pathExpression,
        tags: changes.tags ?? { ...this.tags },
        consolidationFunc: changes.consolidationFunc ?? this.consolidationFunc,
        valuesPerPoint: changes.valuesPerPoint ?? this.valuesPerPoint,
        xFilesFactor: changes.xFilesFactor ?? this.xFilesFactor,
        integral: changes.integral ?? (changes.values === undefined && this.integral),
        graph: changes.graph ?? { ...this.graph },
      },
    );
    return s;
  }
}

/** graphite-web's test for a name a function wrote (`sumSeries(...)`): its tags are not parsed. */
const FUNCTION_WRAPPED = /^[a-z]+[(].+[)]$/i;

/**
 * The tags graphite-web's TimeSeries gives a series from its name: graphite's TaggedSeries.parse
 * (`name;k=v`, or `name{k="v"}`: those tags plus `name`, the metric's leading `~` removed), unless
 * the name looks like a function call or does not parse, which gives just `{name}`.
 */
export function parseTags(name: string): Record<string, string> {
  if ((!name.includes(';') && !name.includes('{') && name[0] !== '~') || FUNCTION_WRAPPED.test(name)) return { name };
  const parsed = parseTaggedSeries(name);
  return parsed.ok ? Object.fromEntries(parsed.tags) : { name };
}
