import { pythonUnquotePlus } from '../../lib/python-text.js';
import { pyFormatFixed } from '../../lib/python-format.js';
import { InputError } from '../function-types.js';
import { GraphBase, type ImageFormat } from './graph-base.js';
import { legendWork } from './legend.js';
import type { GraphParams } from './params.js';

export interface PieSlice {
  readonly name: string;
  readonly value: number;
}

const VALUE_LABELS = ['none', 'number', 'percent'] as const;

interface Slice extends PieSlice {
  readonly percent: number;
  readonly color: string;
  midAngle: number;
}

/**
 * graphite-web's PieGraph: a slice per named value, clockwise from the top, in the colour
 * cycle; a legend; labels with each slice's percentage (written `%12.34`, as graphite-web does)
 * or value at half the radius, left out for slices under valueLabelsMin.
 */
export class PieGraph extends GraphBase {
  private readonly valueLabels: string;

  /** The graph's settings, checked: nothing is drawn until draw() runs. */
  constructor(
    private readonly data: readonly PieSlice[],
    params: GraphParams,
    format: ImageFormat,
  ) {
    super(params, format);
    this.valueLabels = params.text('valueLabels', 'percent');
    if (!(VALUE_LABELS as readonly string[]).includes(this.valueLabels)) throw new InputError(`valueLabels=${this.valueLabels} must be one of ${VALUE_LABELS.join(', ')}`);
  }

  /** Draws the pie on its canvas, as work that yields after each slice and legend entry (see LineGraph.draw). */
  *draw(): Generator<void, void> {
    const { data, params, valueLabels } = this;
    if (data.length === 0) {
      this.drawNoData();
      return;
    }
    const total = data.reduce((t, s) => t + s.value, 0);
    const raw = params.raw('areaAlpha');
    const alpha = raw === undefined || raw === false ? 1 : typeof raw === 'number' ? raw : raw === true ? 1 : Number.isNaN(Number(raw)) ? 1 : Number(raw);
    const slices: Slice[] = data.map((s) => ({ ...s, percent: total === 0 ? 0 : s.value / total, color: this.takeColor(), midAngle: 0 }));

    this.setFont({ size: this.titleFontSize() });
    this.setColor(this.foreground);
    if (params.flag('title')) this.drawTitle(pythonUnquotePlus(params.text('title', '')));
    this.setFont();
    if (!params.flag('hideLegend')) yield* legendWork(this, slices.map((s) => ({ name: s.name, color: s.color, rightSide: false })), false, false);

    this.canvas.section('slices');
    let theta = (3 * Math.PI) / 2;
    const halfX = (this.area.xmax - this.area.xmin) / 2;
    const halfY = (this.area.ymax - this.area.ymin) / 2;
    const x0 = this.area.xmin + halfX;
    const y0 = this.area.ymin + halfY;
    const radius = Math.min(halfX, halfY) * 0.95;
    for (const s of slices) {
      this.setColor(s.color, alpha);
      this.canvas.moveTo(x0, y0);
      const phi = theta + 2 * Math.PI * s.percent;
      this.canvas.arc(x0, y0, radius, theta, phi);
      this.canvas.lineTo(x0, y0);
      this.canvas.fill();
      s.midAngle = (((theta + phi) / 2) % (2 * Math.PI) + 2 * Math.PI) % (2 * Math.PI);
      theta = phi;
      yield;
    }

    if (valueLabels === 'none') return;
    const min = params.number('valueLabelsMin', 5);
    const rotated = params.text('pieLabels', 'horizontal') === 'rotated';
    this.setFont();
    this.setColor(params.flag('valueLabelsColor') ? params.text('valueLabelsColor', 'black') : 'black');
    for (const s of slices) {
      let label: string;
      if (valueLabels === 'percent') {
        if (s.percent * 100 < min) continue;
        label = `%${pyFormatFixed(s.percent * 100, 2)}`;
      } else {
        if (s.value < min) continue;
        label = s.value < 10 && s.value !== Math.trunc(s.value) ? pyFormatFixed(s.value, 2) : String(Math.trunc(s.value));
      }
      let angle = s.midAngle;
      const x = x0 + (radius / 2) * Math.cos(angle);
      const y = y0 + (radius / 2) * Math.sin(angle);
      if (rotated) {
        if (angle > Math.PI / 2 && angle <= (3 * Math.PI) / 2) angle -= Math.PI;
        this.drawText(label, x, y, 'center', 'middle', (angle * 180) / Math.PI);
      } else {
        this.drawText(label, x, y, 'center', 'middle');
      }
      yield;
    }
  }
}
