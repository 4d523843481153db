import { pythonUnquotePlus } from '../../lib/python-text.js';
import { InputError } from '../function-types.js';
import type { Series } from '../series.js';
import { GraphBase, type ImageFormat } from './graph-base.js';
import { drawGridLines } from './grid.js';
import { legendWork, type LegendEntry } from './legend.js';
import { drawLines } from './lines.js';
import type { GraphParams } from './params.js';
import { Plotted } from './plotted.js';
import type { Axis } from './ticks.js';
import { AxisClock, chooseXAxisConfig, type XAxisConfig } from './x-axis.js';
import { setupAxis, yAxisCommon, yCoord, type YAxisCommon } from './y-axes.js';

export const LINE_MODES = ['staircase', 'slope', 'connected'] as const;
export const AREA_MODES = ['none', 'first', 'all', 'stacked'] as const;
/** graphite-web's LEGEND_MAX_ITEMS: more series than this hide the legend unless asked */
const LEGEND_MAX_ITEMS = 10;
const MAX_MINOR_Y = 100;
/** the y labels' width changes the drawing area, which can change the labels: at most this many rounds */
const MAX_LAYOUT_ROUNDS = 10;

export type Side = 'left' | 'right' | undefined;

/**
 * graphite-web's LineGraph: title and vertical titles, legend, y axes (one, or a left and a
 * right one when a series is on the second y axis) and time axis, grid, then the series as
 * lines or areas. Every step follows graphite-web's order, because each one takes room from the
 * drawing area the next one sees.
 */
export class LineGraph extends GraphBase {
  /** the series as drawn: filled by draw() */
  readonly data: Plotted[] = [];
  readonly dataLeft: Plotted[] = [];
  readonly dataRight: Plotted[] = [];
  secondYAxis = false;
  readonly lineWidth: number;
  lineMode: (typeof LINE_MODES)[number];
  readonly areaMode: (typeof AREA_MODES)[number];
  readonly connectedLimit: number;
  readonly logBase: number | undefined;
  readonly minorY: number;
  startTime = 0;
  endTime = 0;
  timeRange = 0;
  graphWidth = 0;
  yAxisSide: 'left' | 'right' = 'left';
  axis: Axis | undefined;
  axisL: Axis | undefined;
  axisR: Axis | undefined;
  yLabelWidth = 0;
  yLabelWidthL = 0;
  yLabelWidthR = 0;
  xConf: XAxisConfig | undefined;
  clock: AxisClock | undefined;
  xScaleFactor = 0;
  /** whether anything was drawn beyond "No Data" */
  hasData = false;

  /** The graph's settings, checked: nothing is drawn until draw() runs. */
  constructor(
    private readonly series: readonly Series[],
    params: GraphParams,
    format: ImageFormat,
    readonly tz: string,
  ) {
    super(params, format);
    this.minorY = Math.trunc(params.number('minorY', 1));
    // each gap between y labels gets this many lines: bounded, as every request's work is
    if (this.minorY > MAX_MINOR_Y) throw new InputError(`Invalid minorY '${this.minorY}': at most ${MAX_MINOR_Y}`);
    const logBase = params.raw('logBase');
    if (logBase === 'e') this.logBase = Math.E;
    else if (logBase === undefined || logBase === false || logBase === '') this.logBase = undefined;
    else {
      const b = params.number('logBase');
      this.logBase = b === undefined || b === 0 || b < 1 ? undefined : b;
    }
    this.lineWidth = params.number('lineWidth', params.number('thickness', 1.2));
    if (!(this.lineWidth >= 0 && this.lineWidth <= 1000)) throw new InputError(`Invalid lineWidth '${this.lineWidth}'`);
    const lineMode = params.text('lineMode', 'slope').toLowerCase();
    if (!(LINE_MODES as readonly string[]).includes(lineMode)) throw new InputError(`Invalid lineMode '${lineMode}': expected one of ${LINE_MODES.join(', ')}`);
    this.lineMode = lineMode as (typeof LINE_MODES)[number];
    const areaMode = params.text('areaMode', 'none').toLowerCase();
    if (!(AREA_MODES as readonly string[]).includes(areaMode)) throw new InputError(`Invalid areaMode '${areaMode}': expected one of ${AREA_MODES.join(', ')}`);
    this.areaMode = areaMode as (typeof AREA_MODES)[number];
    this.connectedLimit = params.number('connectedLimit', Infinity);
  }

  /**
   * Draws the graph on its canvas, as work that yields between its units (a series copied, a
   * series' values consolidated, a series' line): run it whole (runWhole) or in slices of the
   * event loop (WorkSlicer.run). Each unit is the same whichever way it runs: the drawing is too.
   */
  *draw(): Generator<void, void> {
    for (const s of this.series) {
      const plotted = new Plotted(s);
      this.data.push(plotted);
      (plotted.options.secondYAxis ? this.dataRight : this.dataLeft).push(plotted);
      yield;
    }
    this.secondYAxis = this.dataRight.length > 0;
    const p = this.params;
    if (this.data.length === 0) return this.drawNoData();
    const start = Math.min(...this.data.map((s) => s.start));
    const end = Math.max(...this.data.map((s) => s.end));
    if (end - start === 0) return this.drawNoData();

    if (p.flag('graphOnly')) {
      for (const [k, v] of [['hideLegend', true], ['hideGrid', true], ['hideAxes', true], ['hideXAxis', false], ['hideYAxis', false], ['yAxisSide', 'left'], ['title', ''], ['vtitle', '']] as const) p.set(k, v);
      this.margin = 0;
      Object.assign(this.area, { xmin: 0, xmax: this.width, ymin: 0, ymax: this.height });
    }
    if (!p.has('yMin') && p.has('min')) p.set('yMin', p.raw('min')!);
    if (!p.has('yMax') && p.has('max')) p.set('yMax', p.raw('max')!);
    this.yAxisSide = !this.secondYAxis && p.text('yAxisSide', 'left') === 'right' ? 'right' : 'left';
    p.set('yAxisSide', this.yAxisSide);
    // graphite-web measures right-side positions from the margin, which it sets to the width
    if (this.yAxisSide === 'right') this.margin = this.width;

    // one point cannot slope
    if (this.lineMode === 'slope' && this.data.some((s) => s.raw.length === 1)) this.lineMode = 'staircase';

    if (this.secondYAxis) {
      for (const s of this.data) {
        const side = s.options.secondYAxis ? 'right' : 'left';
        if (p.has(`${side}Width`)) s.options.lineWidth = p.number(`${side}Width`);
        if (p.has(`${side}Dashed`)) s.options.dashed = p.number(`${side}Dashed`);
        if (p.has(`${side}Color`)) s.color = p.text(`${side}Color`);
      }
    }
    for (const s of this.data) s.color ??= this.takeColor();

    this.setFont({ size: this.titleFontSize() });
    this.setColor(this.foreground);
    if (p.flag('title')) this.drawTitle(pythonUnquotePlus(p.text('title', '')));
    if (p.flag('vtitle')) this.drawVTitle(pythonUnquotePlus(p.text('vtitle', '')), false);
    if (this.secondYAxis && p.flag('vtitleRight')) this.drawVTitle(pythonUnquotePlus(p.text('vtitleRight', '')), true);
    this.setFont();

    if (!p.flag('hideLegend', this.data.length > LEGEND_MAX_ITEMS)) {
      const entries: LegendEntry[] = [];
      for (const s of this.data) {
        if (s.name === '') continue;
        if (p.flag('hideNullFromLegend') && s.raw.every((v) => v !== v)) continue;
        entries.push({ name: pythonUnquotePlus(s.name), color: s.color!, rightSide: s.options.secondYAxis === true });
        yield;
      }
      if (entries.length > 0) yield* legendWork(this, entries, p.flag('uniqueLegend'), this.secondYAxis);
    }

    if (!p.flag('hideAxes') && !p.flag('hideXAxis')) this.area.ymax -= this.extents().ascent * 2;

    this.startTime = start;
    this.endTime = this.lineMode === 'staircase' ? end : Math.max(...this.data.map((s) => s.end - s.step));
    this.timeRange = this.endTime - this.startTime;
    if (!(this.timeRange > 0)) return this.drawNoData();
    this.hasData = true;

    this.consolidateDataPoints();
    this.canvas.section('axes');
    let xmin = this.area.xmin;
    let xmax = this.area.xmax;
    yield* this.consolidateEach();
    this.setupYAxes();
    for (let round = 0; round < MAX_LAYOUT_ROUNDS && (xmin !== this.area.xmin || xmax !== this.area.xmax); round++) {
      this.consolidateDataPoints();
      xmin = this.area.xmin;
      xmax = this.area.xmax;
      yield* this.consolidateEach();
      this.setupYAxes();
    }
    this.setupXAxis();
    yield;

    if (!p.flag('hideAxes')) {
      this.drawLabels();
      yield;
      if (!p.flag('hideGrid')) {
        this.canvas.section('grid');
        drawGridLines(this);
        yield;
      }
    }
    this.canvas.section('lines');
    yield* drawLines(this);
  }

  /**
   * Each series' consolidated values and their limits worked out (Plotted keeps them until its
   * consolidation changes), one series per unit of work: the y axes read them all at once after.
   */
  private *consolidateEach(): Generator<void, void> {
    for (const s of this.data) {
      s.valueLimits();
      s.hasNull();
      yield;
    }
  }

  private drawVTitle(text: string, rightAlign: boolean): void {
    const lineHeight = this.extents().height;
    const y = this.height / 2;
    if (rightAlign) {
      this.canvas.section('vtitleRight');
      let x = this.area.xmax - lineHeight;
      for (const line of text.split('\n')) {
        this.drawText(line, x, y, 'center', 'baseline', 90);
        x -= lineHeight;
      }
      this.area.xmax = x - this.margin - lineHeight;
    } else {
      this.canvas.section('vtitle');
      let x = this.area.xmin + lineHeight;
      for (const line of text.split('\n')) {
        this.drawText(line, x, y, 'center', 'baseline', 270);
        x += lineHeight;
      }
      this.area.xmin = x + this.margin + lineHeight;
    }
  }

  /** Fewer points than pixels per point (minXStep): each series consolidated to fit the width. */
  private consolidateDataPoints(): void {
    const pixels = (this.graphWidth = this.area.xmax - this.area.xmin - (this.lineWidth + 1));
    const minXStep = this.params.number('minXStep', 1);
    for (const s of this.data) {
      const points = this.timeRange / s.step;
      const bestXStep = pixels / points;
      if (bestXStep < minXStep) {
        const drawable = Math.max(1, Math.trunc(pixels / minXStep));
        const perPixel = Math.ceil(points / drawable);
        s.consolidate(perPixel);
        s.xStep = (pixels * perPixel) / points;
      } else {
        s.xStep = bestXStep;
      }
    }
  }

  private common(): YAxisCommon {
    return yAxisCommon(this.params, this.logBase, this.areaMode === 'stacked');
  }

  private setupYAxes(): void {
    const p = this.params;
    const c = this.common();
    if (!this.secondYAxis) {
      let axis = setupAxis(this.data, p, c, { min: 'yMin', max: 'yMax', limit: 'yLimit', step: 'yStep' });
      if (p.flag('hideAxes')) {
        axis = { ...axis, labelValues: [], labels: [] };
        this.yLabelWidth = 0;
      } else {
        this.yLabelWidth = Math.max(0, ...axis.labels.map((l) => this.textWidth(l)));
        if (!p.flag('hideYAxis')) {
          if (this.yAxisSide === 'left') {
            const xMin = this.margin + this.yLabelWidth * 1.02;
            if (this.area.xmin < xMin) this.area.xmin = xMin;
          } else {
            const xMax = this.margin - this.yLabelWidth * 1.02;
            if (this.area.xmax >= xMax) this.area.xmax = xMax;
          }
        }
      }
      this.axis = axis;
      return;
    }
    this.axisL = setupAxis(this.dataLeft, p, c, { min: 'yMinLeft', max: 'yMaxLeft', limit: 'yLimitLeft', step: 'yStepLeft' });
    this.axisR = setupAxis(this.dataRight, p, c, { min: 'yMinRight', max: 'yMaxRight', limit: 'yLimitRight', step: 'yStepRight' });
    this.yLabelWidthL = Math.max(0, ...this.axisL.labels.map((l) => this.textWidth(l)));
    this.yLabelWidthR = Math.max(0, ...this.axisR.labels.map((l) => this.textWidth(l)));
    const xMin = this.margin + this.yLabelWidthL * 1.02;
    if (this.area.xmin < xMin) this.area.xmin = xMin;
    const xMax = this.width - this.yLabelWidthR * 1.02;
    if (this.area.xmax >= xMax) this.area.xmax = xMax;
  }

  /** the pixel row of a value on the axis of `side` (the only axis when undefined) */
  y(value: number, side: Side = undefined): number | null {
    const axis = side === 'left' ? this.axisL : side === 'right' ? this.axisR : this.axis;
    return yCoord(value, axis!, this.area.ymin, this.area.ymax);
  }

  /** the side a series' values are read against */
  sideOf(s: Plotted): Side {
    if (!this.secondYAxis) return undefined;
    return s.options.secondYAxis ? 'right' : 'left';
  }

  private setupXAxis(): void {
    this.clock = new AxisClock(this.tz, this.startTime);
    this.xScaleFactor = this.graphWidth / this.timeRange;
    this.xConf = chooseXAxisConfig(this.timeRange, this.graphWidth);
  }

  /** the pixel column of an instant */
  x(instant: number): number {
    return this.area.xmin + Math.trunc(instant - this.startTime) * this.xScaleFactor;
  }

  private drawLabels(): void {
    const p = this.params;
    if (!p.flag('hideYAxis')) {
      const label = (value: number, text: string, x: number, side: Side, align: 'left' | 'right') => {
        let y = this.y(value, side);
        if (y === null) return;
        if (y < 0) y = 0;
        this.drawText(text, x, y, align, 'middle');
      };
      if (!this.secondYAxis) {
        const a = this.axis!;
        const left = this.yAxisSide === 'left';
        const x = left ? this.area.xmin - this.yLabelWidth * 0.02 : this.area.xmax + this.yLabelWidth * 0.02;
        a.labelValues.forEach((v, i) => label(v, a.labels[i], x, undefined, left ? 'right' : 'left'));
      } else {
        const l = this.axisL!;
        const r = this.axisR!;
        l.labelValues.forEach((v, i) => label(v, l.labels[i], this.area.xmin - this.yLabelWidthL * 0.02, 'left', 'right'));
        r.labelValues.forEach((v, i) => label(v, r.labels[i], this.area.xmax + this.yLabelWidthR * 0.02 + 3, 'right', 'left'));
      }
    }
    if (!p.flag('hideXAxis')) {
      const conf = this.xConf!;
      const format = p.text('xFormat', conf.format);
      const y = this.area.ymax + this.extents().ascent;
      for (const t of this.clock!.ticks(conf.labelUnit, conf.labelStep, this.endTime)) {
        this.drawText(this.clock!.format(t, format), this.x(t), y, 'center', 'top');
      }
    }
  }

  /**
   * graphite-web's svg metadata, as JSON: what scripts on a page read to annotate the graph.
   * Written a series at a time (the series' values make most of its bytes), in the order of
   * keys JSON.stringify of the whole object would write: the same text.
   */
  *metadataJson(): Generator<void, string> {
    if (!this.hasData) return '{}';
    const head = JSON.stringify({
      x: { start: this.startTime, end: this.endTime },
      options: { lineWidth: this.lineWidth },
      font: { name: this.defaultFont.name, size: this.defaultFont.size, bold: this.defaultFont.bold, italic: this.defaultFont.italic },
      area: { ...this.area },
    });
    const series: string[] = [];
    for (const s of this.data) {
      if (s.options.stacked) continue;
      series.push(
        JSON.stringify({
          name: s.name,
          start: s.start,
          end: s.end,
          step: s.step,
          valuesPerPoint: s.valuesPerPoint,
          color: s.color,
          data: Array.from(s.raw, (v) => (v !== v ? null : v)),
          options: { ...s.options },
        }),
      );
      yield;
    }
    const y = !this.secondYAxis && this.axis ? `,"y":${JSON.stringify({ top: this.axis.top, bottom: this.axis.bottom, step: this.axis.step, labels: this.axis.labels, labelValues: this.axis.labelValues })}` : '';
    return `${head.slice(0, -1)},"series":[${series.join(',')}]${y}}`;
  }
}
