/**
 * The soak benchmark's picture: three panels over the run's time, as an SVG a browser shows.
 * Latency per request kind (the slowest answer of each 10 s window), the event loop's largest
 * delay per second, and the process's resident memory.
 */

export interface Line {
  readonly label: string;
  /** [seconds since start, value] */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface Panel {
  readonly title: string;
  readonly unit: string;
  readonly lines: readonly Line[];
}

const WIDTH = 1000;
const PANEL_HEIGHT = 220;
const LEFT = 70;
const RIGHT = 300;
const TOP = 30;
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export function soakSvg(title: string, durationSeconds: number, panels: readonly Panel[]): string {
  const height = TOP + panels.length * (PANEL_HEIGHT + 40) + 20;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="11">`, `<rect width="100%" height="100%" fill="white"/>`, `<text x="${LEFT}" y="18" font-size="14">${escape(title)}</text>`];
  panels.forEach((panel, i) => parts.push(drawPanel(panel, TOP + i * (PANEL_HEIGHT + 40), durationSeconds)));
  parts.push('</svg>');
  return parts.join('\n');
}

function drawPanel(panel: Panel, y0: number, duration: number): string {
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = PANEL_HEIGHT - 30;
  const top = y0 + 20;
  let max = 0;
  for (const l of panel.lines) for (const [, v] of l.points) if (v > max) max = v;
  max = niceCeil(max);
  const x = (t: number) => LEFT + (Math.max(0, t) / Math.max(1, duration)) * plotW;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const out = [`<text x="${LEFT}" y="${y0 + 12}" font-size="12" font-weight="bold">${escape(panel.title)} (${escape(panel.unit)})</text>`];
  out.push(`<rect x="${LEFT}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    out.push(`<line x1="${LEFT}" x2="${LEFT + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/>`, `<text x="${LEFT - 6}" y="${y(v) + 4}" text-anchor="end">${formatNumber(v)}</text>`);
  }
  for (let k = 0; k <= 5; k++) {
    const t = (duration * k) / 5;
    out.push(`<text x="${x(t)}" y="${top + plotH + 14}" text-anchor="middle">${Math.round(t)} s</text>`);
  }
  panel.lines.forEach((line, i) => {
    const color = COLORS[i % COLORS.length];
    const pts = line.points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    if (line.points.length > 1) out.push(`<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${pts}"/>`);
    // a dot per point: a kind asked a few times has no line to draw
    if (line.points.length <= 60) for (const [t, v] of line.points) out.push(`<circle cx="${x(t).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="${color}"/>`);
    out.push(`<rect x="${LEFT + plotW + 12}" y="${top + i * 16}" width="10" height="10" fill="${color}"/>`, `<text x="${LEFT + plotW + 26}" y="${top + i * 16 + 9}">${escape(line.label)}</text>`);
  });
  return out.join('\n');
}

function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function formatNumber(v: number): string {
  return v >= 100 || v === 0 ? String(Math.round(v)) : v.toPrecision(2);
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
