import type { Rgba } from './colors.js';
import type { FontSpec } from './font.js';

/**
 * A drawing recorded as a tree, by a small subset of cairo's API (the calls graphite-web's graphs
 * make): a current path, colour, line width and dash; fill, stroke and clip consume the path;
 * save and restore bring back the state and the clip. The svg writer serialises the tree, and
 * the PNG and PDF come from it. Clips become nested groups: a clip narrows everything drawn
 * after it until the restore that ends it.
 */
export interface Stroke {
  readonly color: Rgba;
  readonly width: number;
  /** dash length (one on, one off), as graphite-web's set_dash([length]) */
  readonly dash?: number;
}

export type Node =
  | { readonly kind: 'path'; readonly d: string; readonly fill?: Rgba; readonly stroke?: Stroke }
  | {
      readonly kind: 'text';
      readonly text: string;
      /** the anchor point on the baseline */
      readonly x: number;
      readonly y: number;
      readonly anchor: 'start' | 'middle' | 'end';
      /** degrees clockwise about the anchor */
      readonly rotate: number;
      readonly font: FontSpec;
      readonly color: Rgba;
    }
  | Group;

export interface Group {
  readonly kind: 'group';
  /** a path the group's drawing is clipped to (nonzero winding, as cairo's default) */
  readonly clip?: string;
  /** a name for the part of the graph it holds (graphite-web's svg header groups) */
  readonly name?: string;
  readonly children: Node[];
}

interface State {
  color: Rgba;
  lineWidth: number;
  dash: number | undefined;
  group: Group;
}

const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };

/** Coordinates in the path data: three decimals are far below a pixel. */
export function num(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

export class Canvas {
  readonly root: Group = { kind: 'group', children: [] };
  private state: State = { color: BLACK, lineWidth: 2, dash: undefined, group: this.root };
  private readonly saved: State[] = [];
  private path: string[] = [];
  private current: [number, number] | null = null;
  /** whether the path has more than moves: a stroke of moves alone draws nothing */
  private drawn = false;

  constructor(readonly width: number, readonly height: number) {}

  setColor(c: Rgba): void {
    this.state.color = c;
  }

  get color(): Rgba {
    return this.state.color;
  }

  setLineWidth(w: number): void {
    this.state.lineWidth = w;
  }

  get lineWidth(): number {
    return this.state.lineWidth;
  }

  setDash(length: number | undefined): void {
    this.state.dash = length;
  }

  /** Starts a named part of the drawing (title, legend, axes, grid, lines) at the top level. */
  section(name: string): void {
    const g: Group = { kind: 'group', name, children: [] };
    this.root.children.push(g);
    this.state.group = g;
  }

  moveTo(x: number, y: number): void {
    this.path.push(`M${num(x)} ${num(y)}`);
    this.current = [x, y];
  }

  /** As cairo: without a current point it moves there. */
  lineTo(x: number, y: number): void {
    if (this.current === null) return this.moveTo(x, y);
    this.path.push(`L${num(x)} ${num(y)}`);
    this.current = [x, y];
    this.drawn = true;
  }

  closePath(): void {
    if (this.path.length > 0) this.path.push('Z');
  }

  rectangle(x: number, y: number, w: number, h: number): void {
    this.path.push(`M${num(x)} ${num(y)}h${num(w)}v${num(h)}h${num(-w)}Z`);
    this.current = [x, y];
    this.drawn = true;
  }

  /** arc as cairo's: a line from the current point to its start, then the arc clockwise from angle a1 to a2. */
  arc(cx: number, cy: number, r: number, a1: number, a2: number): void {
    const sx = cx + r * Math.cos(a1);
    const sy = cy + r * Math.sin(a1);
    this.lineTo(sx, sy);
    let from = a1;
    // SVG arcs cannot draw a whole circle in one command: halves
    while (a2 - from > 1e-9) {
      const to = Math.min(a2, from + Math.PI);
      const ex = cx + r * Math.cos(to);
      const ey = cy + r * Math.sin(to);
      this.path.push(`A${num(r)} ${num(r)} 0 0 1 ${num(ex)} ${num(ey)}`);
      this.drawn = true;
      this.current = [ex, ey];
      from = to;
    }
  }

  copyPath(): string[] {
    return this.path.slice();
  }

  /** appends a copied path; the current point is wherever it ended (its position is not needed again) */
  appendPath(p: readonly string[]): void {
    this.path.push(...p);
    if (p.length > 0) {
      this.current = [NaN, NaN];
      this.drawn = true;
    }
  }

  fill(): void {
    if (this.path.length > 0) this.state.group.children.push({ kind: 'path', d: this.path.join(''), fill: this.state.color });
    this.newPath();
  }

  stroke(): void {
    if (this.drawn) {
      this.state.group.children.push({ kind: 'path', d: this.path.join(''), stroke: { color: this.state.color, width: this.state.lineWidth, dash: this.state.dash } });
    }
    this.newPath();
  }

  clip(): void {
    const g: Group = { kind: 'group', clip: this.path.join(''), children: [] };
    this.state.group.children.push(g);
    this.state.group = g;
    this.newPath();
  }

  save(): void {
    this.saved.push({ ...this.state });
  }

  restore(): void {
    const s = this.saved.pop();
    if (s !== undefined) this.state = s;
  }

  text(text: string, x: number, y: number, anchor: 'start' | 'middle' | 'end', rotate: number, font: FontSpec): void {
    this.state.group.children.push({ kind: 'text', text, x, y, anchor, rotate, font, color: this.state.color });
  }

  private newPath(): void {
    this.path = [];
    this.current = null;
    this.drawn = false;
  }
}
