import { Series } from '../series.js';
import type { LineGraph, Side } from './line-graph.js';
import { Plotted } from './plotted.js';

/** Points drawn between two yields of the drawing's work: 4096, a millisecond or two. */
const POINTS_PER_UNIT_MASK = 4095;

/**
 * The series, as graphite-web's drawLines draws them: stacked series first (each filled down to
 * zero and then clipping what follows to above it, so a stack's areas do not overlap), then
 * lines; nulls break a line (or count as zero with drawNullAsZero), drawAsInfinite draws a
 * full-height line at each point above zero, and lineMode chooses slopes, stairs or lines
 * that jump gaps. With areaAlpha, filled series are drawn see-through and get a line on top.
 * Work that yields after each series (see LineGraph.draw).
 */
export function* drawLines(g: LineGraph): Generator<void, void> {
  const c = g.canvas;
  const p = g.params;
  c.setLineWidth(g.lineWidth);
  c.setDash(undefined);

  let data = g.data;
  if (data.some((s) => s.options.stacked)) data = [...data.filter((s) => s.options.stacked), ...data.filter((s) => !s.options.stacked)];

  if (g.areaMode === 'stacked' && !g.secondYAxis) {
    const total: number[] = [];
    for (const s of data) {
      if (s.options.drawAsInfinite) continue;
      s.options.stacked = true;
      const raw = s.raw;
      for (let i = 0; i < raw.length; i++) {
        if (total.length <= i) total.push(0);
        const original = raw[i];
        if (original === original) {
          raw[i] += total[i];
          total[i] += original;
        }
      }
      s.touched();
      yield;
    }
  } else if (g.areaMode === 'first') {
    if (data.length > 0) data[0].options.stacked = true;
  } else if (g.areaMode === 'all') {
    for (const s of data) if (!s.options.drawAsInfinite) s.options.stacked = true;
  }

  if (p.flag('areaAlpha')) {
    // float() of the parameter, 0.5 when it is no number
    const raw = p.raw('areaAlpha');
    const alpha = typeof raw === 'number' ? raw : typeof raw === 'boolean' ? Number(raw) : raw === undefined || raw.trim() === '' || Number.isNaN(Number(raw)) ? 0.5 : Number(raw);
    const strokes: Plotted[] = [];
    for (const s of data) {
      if (!s.options.stacked) continue;
      s.options.alpha = alpha;
      // a plain line over the drawn values: consolidated already, so one value per point
      const line = new Series(s.name, s.start, s.end, s.step * s.valuesPerPoint, s.values().slice());
      const copy = new Plotted(line);
      copy.xStep = s.xStep;
      copy.color = s.color;
      if (s.options.secondYAxis) copy.options.secondYAxis = true;
      strokes.push(copy);
      yield;
    }
    data = [...data, ...strokes];
  }

  c.setLineWidth(1);
  c.rectangle(g.area.xmin, g.area.ymin, g.area.xmax - g.area.xmin, g.area.ymax - g.area.ymin);
  c.clip();
  c.setLineWidth(g.lineWidth);
  c.save();
  let clipRestored = false;

  const dropNulls = !p.flag('drawNullAsZero');
  for (const s of data) {
    if (!s.options.stacked && !clipRestored) {
      clipRestored = true;
      c.restore();
    }
    if (s.options.lineWidth !== undefined) c.setLineWidth(s.options.lineWidth);
    c.setDash(s.options.dashed);

    const side: Side = g.sideOf(s);
    const missingPoints = (s.start - g.startTime) / s.step;
    const startShift = s.xStep * (missingPoints / s.valuesPerPoint);
    let x = g.area.xmin + startShift + g.lineWidth / 2;
    let y = g.area.ymin;
    let startX = x;
    if (s.options.invisible) g.setColor(s.color!, 0, true);
    else g.setColor(s.color!, s.options.alpha || 1);

    let consecutiveNones = 0;
    const values = s.values();
    for (let index = 0; index < values.length; index++) {
      // a series may have many points (minXStep=0, a wide graph): a unit of work is a few thousand
      if ((index & POINTS_PER_UNIT_MASK) === POINTS_PER_UNIT_MASK) yield;
      let value: number | null = values[index];
      if (value !== value) value = dropNulls ? null : 0;
      let yv: number | null = null;
      if (value !== null) {
        yv = g.y(value, side);
        // a value the log axis cannot place is a gap
        if (yv === null) value = null;
      }
      if (value === null) {
        if (consecutiveNones === 0) {
          c.lineTo(x, y);
          if (s.options.stacked) fillAreaAndClip(g, x, y, startX, g.y(0, side));
        }
        x += s.xStep;
        consecutiveNones++;
        continue;
      }
      y = Math.max(0, yv!);

      if (s.options.drawAsInfinite && value > 0) {
        c.moveTo(x, g.area.ymax);
        c.lineTo(x, g.area.ymin);
        c.stroke();
        x += s.xStep;
        continue;
      }
      if (consecutiveNones > 0) startX = x;
      if (g.lineMode === 'staircase') {
        if (consecutiveNones > 0) c.moveTo(x, y);
        else c.lineTo(x, y);
        x += s.xStep;
        c.lineTo(x, y);
      } else if (g.lineMode === 'slope') {
        if (consecutiveNones > 0) c.moveTo(x, y);
        c.lineTo(x, y);
        x += s.xStep;
      } else {
        if (consecutiveNones > g.connectedLimit || consecutiveNones === index) c.moveTo(x, y);
        c.lineTo(x, y);
        x += s.xStep;
      }
      consecutiveNones = 0;
    }

    if (s.options.stacked) {
      const xPos = g.lineMode === 'staircase' ? x : x - s.xStep;
      fillAreaAndClip(g, xPos, y, startX, g.y(0, side));
    } else {
      c.stroke();
    }
    c.setLineWidth(g.lineWidth);
    yield;
  }
}

/**
 * Fills the current line down to the zero line, then clips further drawing to outside that
 * area (graphite-web's fillAreaAndClip): what is stacked next shows only above it.
 */
function fillAreaAndClip(g: LineGraph, x: number, y: number, startX0: number, areaYFrom0: number | null): void {
  const c = g.canvas;
  // graphite-web's `or`: a start at 0 or a zero line at row 0 fall back to the area's edge
  const startX = startX0 || g.area.xmin;
  const areaYFrom = areaYFrom0 || g.area.ymax;
  const pattern = c.copyPath();
  c.lineTo(x, areaYFrom);
  c.lineTo(startX, areaYFrom);
  c.closePath();
  c.fill();

  const { xmin, xmax, ymin, ymax } = g.area;
  c.appendPath(pattern);
  for (const [px, py] of [
    [x, areaYFrom], [xmax, areaYFrom], [xmax, ymin], [xmin, ymin], [xmin, areaYFrom], [startX, areaYFrom],
    [x, areaYFrom], [xmax, areaYFrom], [xmax, ymax], [xmin, ymax], [xmin, areaYFrom], [startX, areaYFrom],
  ] as const) c.lineTo(px, py);
  c.closePath();
  c.clip();
  void y;
}
