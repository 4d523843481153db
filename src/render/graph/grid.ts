import type { LineGraph } from './line-graph.js';

/**
 * The grid, as graphite-web draws it: a major line at each y label (of the left axis when there
 * are two) with minorY minor lines between labels, then minor and major vertical lines at the
 * time axis' grid steps, then the drawing area's side borders.
 */
export function drawGridLines(g: LineGraph): void {
  const c = g.canvas;
  const left = g.area.xmin;
  const right = g.area.xmax;
  const side = g.secondYAxis ? 'left' : undefined;
  const axis = g.secondYAxis ? g.axisL! : g.axis!;
  const labels = axis.labelValues;
  const horizontal = (y: number) => {
    c.moveTo(left, y);
    c.lineTo(right, y);
    c.stroke();
  };
  labels.forEach((value, i) => {
    c.setLineWidth(0.4);
    g.setColor(g.majorGridLineColor);
    const y = g.y(value, side);
    if (y === null || y < 0) return;
    horizontal(y);
    if (g.minorY >= 1 && i < labels.length - 1) {
      const [lower, upper] = value <= labels[i + 1] ? [value, labels[i + 1]] : [labels[i + 1], value];
      const distance = (upper - lower) / (1 + g.minorY);
      const topFactor = g.logBase !== undefined ? g.logBase * g.logBase : 1;
      for (let minor = 0; minor < Math.min(g.minorY, 1000); minor++) {
        c.setLineWidth(0.3);
        g.setColor(g.minorGridLineColor);
        const v = lower + (1 + minor) * distance;
        if (v >= topFactor * axis.top) continue;
        const ym = g.y(v, side);
        if (ym === null || ym < 0) continue;
        horizontal(ym);
      }
    }
  });

  const top = g.area.ymin;
  const bottom = g.area.ymax;
  const conf = g.xConf!;
  const vertical = (unit: number, step: number) => {
    for (const t of g.clock!.ticks(unit, step, g.endTime)) {
      const x = g.x(t);
      if (x < g.area.xmax) {
        c.moveTo(x, bottom);
        c.lineTo(x, top);
        c.stroke();
      }
    }
  };
  c.setLineWidth(0.25);
  g.setColor(g.minorGridLineColor);
  vertical(conf.minorGridUnit, conf.minorGridStep);
  c.setLineWidth(0.33);
  g.setColor(g.majorGridLineColor);
  vertical(conf.majorGridUnit, conf.majorGridStep);

  c.setLineWidth(0.5);
  c.moveTo(g.area.xmax, bottom);
  c.lineTo(g.area.xmax, top);
  c.moveTo(g.area.xmin, bottom);
  c.lineTo(g.area.xmin, top);
  c.stroke();
}
