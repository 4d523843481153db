import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Series, type GraphOptions } from '../../../src/render/series.js';
import { GraphParams } from '../../../src/render/graph/params.js';
import { lineGraphSvg } from '../../../src/render/graph/index.js';
import { svgMetadata, svgSection, svgTexts } from '../../helpers/graph-svg.js';

const START = 1795312800; // 2026-11-22 02:00:00 UTC

function series(name: string, values: (number | null)[], graph: GraphOptions = {}, step = 60, start = START): Series {
  return new Series(name, start, start + values.length * step, step, Float64Array.from(values, (v) => (v === null ? NaN : v)), { graph });
}

function draw(list: Series[], query = ''): string {
  return lineGraphSvg(list, GraphParams.read('line', new URLSearchParams(query)), 'svg', 'UTC');
}

/** The points of every path in a part of the drawing, as [x, y] pairs per subpath. */
function paths(svg: string, section: string): { attrs: string; subpaths: [number, number][][] }[] {
  const out: { attrs: string; subpaths: [number, number][][] }[] = [];
  for (const m of svgSection(svg, section).matchAll(/<path d="([^"]*)"([^>]*)\/>/g)) {
    const subpaths: [number, number][][] = [];
    for (const [, cmd, x, y] of m[1].matchAll(/([ML])([-\d.]+) ([-\d.]+)/g)) {
      if (cmd === 'M' || subpaths.length === 0) subpaths.push([]);
      subpaths[subpaths.length - 1].push([Number(x), Number(y)]);
    }
    out.push({ attrs: m[2], subpaths });
  }
  return out;
}

test('a line goes through the points where the data puts them: x by step from the area, y linear in the labels', () => {
  const values = Array.from({ length: 61 }, (_, i) => i);
  const svg = draw([series('ramp', values)], 'hideLegend=true');
  const meta = svgMetadata(svg);
  const { xmin, xmax, ymin, ymax } = meta.area;
  assert.deepEqual(meta.y.labelValues, [0, 10, 20, 30, 40, 50, 60]);
  const lines = paths(svg, 'lines');
  assert.equal(lines.length, 1);
  const [points] = lines[0].subpaths;
  assert.equal(points.length, 61);
  // 60 intervals over the graph's width, less the line width and a pixel, from half a line width in
  const xStep = (xmax - xmin - 2.2) / 60;
  points.forEach(([x, y], i) => {
    assert.ok(Math.abs(x - (xmin + 0.6 + i * xStep)) < 0.001, `x of point ${i}: ${x}`);
    assert.ok(Math.abs(y - (ymax - (i / 60) * (ymax - ymin))) < 0.001, `y of point ${i}: ${y}`);
  });
  assert.match(lines[0].attrs, /stroke="#6464ff" stroke-width="1.2"/);
});

test('the axes: y labels at their rows, time labels every 20 minutes over an hour at this width, the grid inside the area', () => {
  const svg = draw([series('a', Array.from({ length: 61 }, (_, i) => 20 + i))], 'hideLegend=true');
  const texts = svgTexts(svg);
  assert.deepEqual(texts.filter((t) => t.anchor === 'end').map((t) => t.text), ['20.0 ', '30.0 ', '40.0 ', '50.0 ', '60.0 ', '70.0 ', '80.0 ']);
  assert.deepEqual(texts.filter((t) => t.anchor === 'middle').map((t) => t.text), ['02:00', '02:20', '02:40']);
  const { area } = svgMetadata(svg);
  for (const p of paths(svg, 'grid')) {
    for (const [x, y] of p.subpaths.flat()) assert.ok(x >= area.xmin - 1e-3 && x <= area.xmax + 1e-3 && y >= area.ymin - 1e-3 && y <= area.ymax + 1e-3, `${x},${y}`);
  }
});

test('the legend: a box in each series colour and its name, in columns, colours from the default list', () => {
  const svg = draw([series('first', [1, 2]), series('second', [2, 3]), series('third', [3, 1])]);
  const legend = svgSection(svg, 'legend');
  assert.deepEqual(svgTexts(legend).map((t) => t.text), ['first', 'second', 'third']);
  const boxes = [...legend.matchAll(/<path d="[^"]*" fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
  assert.deepEqual(boxes, ['#6464ff', '#00c800', '#c80032']);
  // graphite-web's darkgrey outline around each box
  assert.equal([...legend.matchAll(/stroke="#6f6f6f"/g)].length, 3);
});

test('nulls break a line; drawNullAsZero draws them at zero; connected jumps the gap', () => {
  const values = [5, 6, null, null, 7, 8];
  // as graphite-web: the line runs on level to the first null's column, and starts again at the next value
  const broken = paths(draw([series('a', values)], 'hideLegend=true'), 'lines')[0].subpaths;
  assert.deepEqual(broken.map((s) => s.length), [3, 3]);
  assert.equal(broken[0][2][1], broken[0][1][1]);
  const zero = paths(draw([series('a', values)], 'hideLegend=true&drawNullAsZero=true'), 'lines')[0].subpaths;
  assert.deepEqual(zero.map((s) => s.length), [6]);
  const { area } = svgMetadata(draw([series('a', values)], 'hideLegend=true&drawNullAsZero=true'));
  assert.ok(Math.abs(zero[0][2][1] - area.ymax) < 0.001, 'a null drawn at zero');
  const connected = paths(draw([series('a', values)], 'hideLegend=true&lineMode=connected'), 'lines')[0].subpaths;
  assert.equal(connected.length, 1);
});

test('series.graph: colour, alpha, line width and dash reach the stroke', () => {
  const svg = draw([series('a', [1, 2, 3], { color: 'red', alpha: 0.5, lineWidth: 3, dashed: 4 }), series('b', [3, 2, 1], { color: '00ff0080' })], 'hideLegend=true');
  const [a, b] = paths(svg, 'lines');
  assert.match(a.attrs, /stroke="#c80032" stroke-opacity="0.5" stroke-width="3" stroke-miterlimit="10" stroke-dasharray="4" stroke-dashoffset="1"/);
  // an 8-digit colour carries its own alpha
  assert.match(b.attrs, /stroke="#00ff00" stroke-opacity="0.502"/);
});

test('series.graph: stacked series are filled, each on top of the ones before; invisible ones are filled see-through', () => {
  const svg = draw([series('a', [1, 1, 1], { stacked: true }), series('b', [3, 3, 3], { stacked: true, invisible: true })], 'hideLegend=true&yMin=0');
  const fills = [...svgSection(svg, 'lines').matchAll(/<path d="[^"]*" fill="(#[0-9a-f]{6})"( fill-opacity="[^"]*")?/g)].map((m) => `${m[1]}${m[2] ?? ''}`);
  assert.deepEqual(fills, ['#6464ff', '#00c800 fill-opacity="0"']);
  // the second is clipped to above the first: its drawing sits inside nested clip groups
  assert.ok((svgSection(svg, 'lines').match(/clip-path=/g) ?? []).length >= 2);
});

test('areaMode=stacked adds each series onto the ones before it, and the y axis covers the sum', () => {
  const svg = draw([series('a', [10, 10, 10]), series('b', [20, 20, 20])], 'hideLegend=true&areaMode=stacked');
  const meta = svgMetadata(svg);
  assert.equal(Math.max(...meta.y.labelValues), 30);
  const fills = paths(svg, 'lines');
  assert.equal(fills.length, 2);
  const topOf = (p: (typeof fills)[number]) => Math.min(...p.subpaths.flat().map(([, y]) => y));
  // b is drawn at 30 (the top of the area), a at 10
  assert.ok(Math.abs(topOf(fills[1]) - meta.area.ymin) < 0.01);
  assert.ok(topOf(fills[0]) > topOf(fills[1]));
});

test('series.graph: drawAsInfinite draws a full-height line at each point above zero', () => {
  const svg = draw([series('a', [0, 1, 0, 2], { drawAsInfinite: true }), series('b', [1, 2, 3, 4])], 'hideLegend=true');
  const { area } = svgMetadata(svg);
  const round = (y: number) => Math.round(y * 1000) / 1000;
  const verticals = paths(svg, 'lines')
    .flatMap((p) => p.subpaths)
    .filter((s) => s.length === 2 && s[0][0] === s[1][0] && s[0][1] === round(area.ymax) && s[1][1] === round(area.ymin));
  assert.equal(verticals.length, 2);
});

test('series.graph: secondYAxis gives a right axis with its own labels, and legend entries on the right', () => {
  const svg = draw([series('left', [0, 50, 100]), series('right', [0, 5000, 10000], { secondYAxis: true })], 'width=500');
  const texts = svgTexts(svg);
  const rightLabels = texts.filter((t) => t.anchor === 'start' && /k $|^0 $/.test(t.text) && t.x > 400).map((t) => t.text);
  assert.deepEqual(rightLabels, ['0 ', '2.0 k ', '4.0 k ', '6.0 k ', '8.0 k ', '10.0 k ']);
  assert.ok(texts.some((t) => t.text === 'right' && t.anchor === 'end'));
  // graphite-web leaves the y metadata out with two axes
  assert.equal(svgMetadata(svg).y, undefined);
});

test('no series, or series without time, is "No Data" in red', () => {
  for (const svg of [draw([]), draw([series('a', [], {}, 60)])]) {
    assert.deepEqual(svgTexts(svg).map((t) => t.text), ['No Data']);
    assert.match(svg, /fill="#c80032" xml:space="preserve">No Data</);
    assert.deepEqual(svgMetadata(svg), {});
  }
});

test('text is escaped, and the metadata script cannot be closed by a series name', () => {
  const svg = draw([series('a<b>&c]]>', [1, 2])]);
  assert.ok(svg.includes('>a&lt;b&gt;&amp;c]]&gt;</text>'));
  assert.equal(svgMetadata(svg).series[0].name, 'a<b>&c]]>');
});
