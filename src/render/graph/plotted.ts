import { consolidatedValues } from '../consolidation.js';
import type { GraphOptions, Series } from '../series.js';

/**
 * A series as the graph draws it: its own copy of the values (stacking adds into them), the
 * consolidation the graph's width asks for, the horizontal distance between its points, its
 * colour and its drawing options (graphite-web's TimeSeries with color, options and xStep).
 */
export class Plotted {
  readonly series: Series;
  color: string | undefined;
  readonly options: GraphOptions;
  xStep = 1;
  private cached: Float64Array | null = null;
  private limits: { min: number; max: number } | null = null;
  private nulls: boolean | null = null;

  constructor(series: Series, values?: Float64Array) {
    this.series = series.copy({ values: values ?? series.values.slice(), graph: { ...series.graph } });
    this.series.integral = series.integral;
    this.color = series.graph.color;
    this.options = this.series.graph;
  }

  get name(): string {
    return this.series.name;
  }

  get start(): number {
    return this.series.start;
  }

  get end(): number {
    return this.series.end;
  }

  get step(): number {
    return this.series.step;
  }

  get valuesPerPoint(): number {
    return this.series.valuesPerPoint;
  }

  /** the stored values, one per step (graphite-web's len() and [] on a TimeSeries) */
  get raw(): Float64Array {
    return this.series.values;
  }

  consolidate(valuesPerPoint: number): void {
    this.series.valuesPerPoint = Math.trunc(valuesPerPoint);
    this.cached = null;
    this.limits = null;
  }

  /** the values drawn: consolidated by valuesPerPoint (graphite-web's iteration of a TimeSeries) */
  values(): Float64Array {
    this.cached ??= consolidatedValues(this.series);
    return this.cached;
  }

  /**
   * The smallest and largest finite values drawn (Infinity and -Infinity when there is none),
   * kept as values() is: a graph asks for them once per layout round, and works them out one
   * series per unit of its work (LineGraph.draw), not for all series at once.
   */
  valueLimits(): { readonly min: number; readonly max: number } {
    if (this.limits === null) {
      let min = Infinity;
      let max = -Infinity;
      for (const v of this.values()) {
        if (!Number.isFinite(v)) continue;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      this.limits = { min, max };
    }
    return this.limits;
  }

  /** whether a stored value is null (NaN), kept until the raw values change */
  hasNull(): boolean {
    this.nulls ??= this.raw.some((v) => v !== v);
    return this.nulls;
  }

  /** after the raw values changed */
  touched(): void {
    this.cached = null;
    this.limits = null;
    this.nulls = null;
  }
}
