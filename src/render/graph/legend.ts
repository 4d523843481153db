import type { GraphBase } from './graph-base.js';

export interface LegendEntry {
  readonly name: string;
  readonly color: string;
  /** drawn on the right, for a series on the second y axis */
  readonly rightSide: boolean;
}

const PADDING = 5;

/**
 * The legend under the graph, as graphite-web lays it out: a coloured box and the name per
 * series, in as many columns of the longest name's width as fit; with a second y axis and room
 * for two names side by side, left-axis series fill columns from the left and right-axis ones
 * from the right. The drawing area shrinks by the legend's height.
 * Work that yields after each entry (see LineGraph.draw).
 */
export function* legendWork(g: GraphBase, entries: readonly LegendEntry[], unique: boolean, secondYAxis: boolean): Generator<void, void> {
  g.canvas.section('legend');
  let elements = entries;
  if (unique) {
    const seen = new Set<string>();
    elements = entries.filter((e) => (seen.has(e.name) ? false : (seen.add(e.name), true)));
  }
  // Python's sorted(key=len)[-1]: of the longest names, the last
  let longest = elements[0].name;
  for (const e of elements) if ([...e.name].length >= [...longest].length) longest = e.name;

  const test = g.textWidth(`${longest} ${longest}`);
  const testBox = g.extents().height - 1;
  const rightSideLabels = test + 2 * (testBox + PADDING) + 50 < g.width;

  const ext = g.extents();
  const boxSize = ext.height - 1;
  const lineHeight = ext.height + 1;
  const labelWidth = g.textWidth(longest) + 2 * (boxSize + PADDING);
  g.canvas.setLineWidth(1);

  const box = (x: number, y: number, color: string) => {
    g.setColor(color);
    g.drawRectangle(x, y, boxSize, boxSize);
    g.setColor('darkgrey');
    g.drawRectangle(x, y, boxSize, boxSize, false);
    g.setColor(g.foreground);
  };

  if (secondYAxis && rightSideLabels) {
    let columns = Math.max(1, Math.floor((g.width - g.area.xmin) / labelWidth));
    const numRight = elements.filter((e) => e.rightSide).length;
    const numberOfLines = Math.max(elements.length - numRight, numRight);
    columns = Math.max(1, Math.floor(columns / 2));
    const legendHeight = Math.max(1, numberOfLines / columns) * lineHeight + PADDING;
    g.area.ymax -= legendHeight;
    let x = g.area.xmin;
    let y = g.area.ymax + 2 * PADDING;
    let n = 0;
    let xRight = g.area.xmax - g.area.xmin;
    let yRight = y;
    let nRight = 0;
    for (const e of elements) {
      if (e.rightSide) {
        nRight++;
        box(xRight - PADDING, yRight, e.color);
        g.drawText(e.name, xRight - boxSize, yRight, 'right');
        xRight -= labelWidth;
        if (nRight % columns === 0) {
          xRight = g.area.xmax - g.area.xmin;
          yRight += lineHeight;
        }
      } else {
        n++;
        box(x, y, e.color);
        g.drawText(e.name, x + boxSize + PADDING, y, 'left');
        x += labelWidth;
        if (n % columns === 0) {
          x = g.area.xmin;
          y += lineHeight;
        }
      }
      yield;
    }
    return;
  }

  const columns = Math.max(1, Math.floor(g.width / labelWidth));
  const numberOfLines = Math.ceil(elements.length / columns);
  g.area.ymax -= numberOfLines * lineHeight + PADDING;
  let x = g.area.xmin;
  let y = g.area.ymax + 2 * PADDING;
  for (const [i, e] of elements.entries()) {
    if (e.rightSide) {
      box(x + labelWidth + PADDING, y, e.color);
      g.drawText(e.name, x + labelWidth, y, 'right');
    } else {
      box(x, y, e.color);
      g.drawText(e.name, x + boxSize + PADDING, y, 'left');
    }
    x += labelWidth;
    if ((i + 1) % columns === 0) {
      x = g.area.xmin;
      y += lineHeight;
    }
    yield;
  }
}
