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
  }

  /** the values drawn: consolidated by valuesPerPoint (graphite-web's iteration of a TimeSeries) */
  values(): Float64Array {
    this.cached ??= consolidatedValues(this.series);
    return this.cached;
  }

  /** after the raw values changed */
  touched(): void {
    this.cached = null;
  }
}
