import { pythonUnquotePlus } from '../../lib/python-text.js';
import { InputError } from '../function-types.js';
import { Canvas } from './canvas.js';
import { parseColor, type Rgba } from './colors.js';
import { TextMeasure, type FontExtents, type FontSpec } from './font.js';
import type { GraphParams } from './params.js';
import { graphTemplate } from './templates.js';

export type ImageFormat = 'png' | 'svg' | 'pdf';

/** graphite-web's default image size (parseOptions) */
export const DEFAULT_WIDTH = 330;
export const DEFAULT_HEIGHT = 250;
/** bounds on the image carbyne draws: a side, and the pixels of the whole */
export const MAX_SIDE = 10_000;
export const MAX_PIXELS = 16_000_000;

export interface Area {
  xmin: number;
  xmax: number;
  ymin: number;
  ymax: number;
}

export type Align = 'left' | 'center' | 'right';
export type VAlign = 'top' | 'middle' | 'bottom' | 'baseline';

/**
 * What every graph type shares (graphite-web's Graph): size, margin and drawing area, the
 * template's colours and font, the background, the colour cycle, text placed as cairo's toy
 * text API places it, rectangles, and the title.
 */
export class GraphBase {
  readonly canvas: Canvas;
  readonly measure: TextMeasure;
  readonly width: number;
  readonly height: number;
  margin: number;
  readonly area: Area;
  readonly defaultFont: FontSpec;
  font: FontSpec;
  readonly foreground: string;
  readonly background: string;
  readonly majorGridLineColor: string;
  readonly minorGridLineColor: string;
  private readonly colorList: string[];
  private nextColor = 0;

  constructor(readonly params: GraphParams, readonly format: ImageFormat) {
    this.width = sideOf(params, 'width', DEFAULT_WIDTH);
    this.height = sideOf(params, 'height', DEFAULT_HEIGHT);
    if (this.width * this.height > MAX_PIXELS) throw new InputError(`Image too large: ${this.width}x${this.height} is over ${MAX_PIXELS} pixels`);
    this.margin = Math.trunc(params.number('margin', 10));
    if (this.margin < 0) this.margin = 10;
    this.canvas = new Canvas(this.width, this.height);
    this.measure = new TextMeasure(format === 'png');
    this.area = { xmin: this.margin + 10, xmax: this.width - this.margin, ymin: this.margin, ymax: this.height - this.margin };

    const t = graphTemplate(params.text('template'));
    this.foreground = params.text('fgcolor', t.foreground);
    this.background = params.text('bgcolor', t.background);
    this.majorGridLineColor = params.text('majorGridLineColor', t.majorLine);
    this.minorGridLineColor = params.text('minorGridLineColor', t.minorLine);
    const size = Math.trunc(params.number('fontSize', t.fontSize));
    if (!(size > 0 && size <= 1000)) throw new InputError(`Invalid fontSize '${params.text('fontSize')}': expected 1 to 1000`);
    this.defaultFont = {
      name: params.text('fontName', t.fontName),
      size,
      bold: params.flag('fontBold', t.fontBold),
      italic: params.flag('fontItalic', t.fontItalic),
    };
    this.font = this.defaultFont;
    // graphite-web splits the list as given: spaces stay part of a colour's name
    this.colorList = params.has('colorList') ? pythonUnquotePlus(params.text('colorList', '')).split(',') : [...t.lineColors];
    for (const c of [this.foreground, this.background]) this.color(c);

    this.setColor(this.background);
    this.canvas.rectangle(0, 0, this.width, this.height);
    this.canvas.fill();
  }

  /** the next colour of the cycle (colorList, else the template's) */
  takeColor(): string {
    const c = this.colorList[this.nextColor % this.colorList.length];
    this.nextColor++;
    return c;
  }

  color(value: string, alpha = 1, forceAlpha = false): Rgba {
    const c = parseColor(value, alpha, forceAlpha);
    if (c === null) throw new InputError(`Invalid color '${value}': expected a color name or RRGGBB[AA] hex`);
    return c;
  }

  setColor(value: string, alpha = 1, forceAlpha = false): void {
    this.canvas.setColor(this.color(value, alpha, forceAlpha));
  }

  /** the default font with some fields changed (graphite-web's setFont) */
  setFont(changes: Partial<FontSpec> = {}): void {
    this.font = { ...this.defaultFont, ...changes };
  }

  extents(): FontExtents {
    return this.measure.extents(this.font);
  }

  textWidth(text: string): number {
    return this.measure.width(text, this.font);
  }

  /**
   * Text at (x, y), aligned to that point horizontally and vertically by the font's extents
   * (top: the point is at the ascent above the baseline), turned by `rotate` degrees about it.
   */
  drawText(text: string, x: number, y: number, align: Align = 'left', valign: VAlign = 'top', rotate = 0): void {
    const e = this.extents();
    const vertical = valign === 'top' ? e.ascent : valign === 'middle' ? e.height / 2 - e.descent : valign === 'bottom' ? -e.descent : 0;
    const angle = (rotate * Math.PI) / 180;
    const ax = x + Math.sin(angle) * -vertical;
    const ay = y + Math.cos(angle) * vertical;
    this.canvas.text(text, ax, ay, align === 'left' ? 'start' : align === 'center' ? 'middle' : 'end', rotate, this.font);
  }

  /** a filled rectangle, or its outline drawn inside it as lines are (graphite-web's drawRectangle) */
  drawRectangle(x: number, y: number, w: number, h: number, fill = true): void {
    if (!fill) {
      const o = this.canvas.lineWidth / 2;
      x += o;
      y += o;
      w -= o;
      h -= o;
      this.canvas.setDash(undefined);
    }
    this.canvas.rectangle(x, y, w, h);
    if (fill) this.canvas.fill();
    else this.canvas.stroke();
  }

  drawTitle(text: string): void {
    this.canvas.section('title');
    let y = this.area.ymin;
    const x = this.width / 2;
    const lineHeight = this.extents().height;
    for (const line of text.split('\n')) {
      this.drawText(line, x, y, 'center');
      y += lineHeight;
    }
    this.area.ymin = this.params.text('yAxisSide') === 'right' ? y : y + this.margin;
  }

  /** graphite-web's "No Data": red, centred, sized by the image's area */
  drawNoData(): void {
    this.setColor('red');
    this.setFont({ size: Math.log(this.width * this.height) });
    this.drawText('No Data', this.width / 2, this.height / 2, 'center');
  }

  titleFontSize(): number {
    return this.defaultFont.size + Math.floor(Math.log(this.defaultFont.size));
  }
}

function sideOf(params: GraphParams, name: string, fallback: number): number {
  const v = Math.trunc(params.number(name, fallback));
  if (!(v >= 1 && v <= MAX_SIDE)) throw new InputError(`Invalid ${name} '${params.text(name)}': expected 1 to ${MAX_SIDE} pixels`);
  return v;
}
