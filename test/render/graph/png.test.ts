import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { Series, type GraphOptions } from '../../../src/render/series.js';
import { GraphParams } from '../../../src/render/graph/params.js';
import { renderLineGraph, renderPieGraph } from '../../../src/render/graph/index.js';

const START = 1795312800;

function series(name: string, values: number[], graph: GraphOptions = {}): Series {
  return new Series(name, START, START + values.length * 60, 60, Float64Array.from(values), { graph });
}

function png(list: Series[], query: string): PNG {
  const out = renderLineGraph(list, GraphParams.read('line', new URLSearchParams(query)), 'png', 'UTC');
  assert.equal(out.contentType, 'image/png');
  return PNG.sync.read(out.body as Buffer);
}

function pixel(img: PNG, x: number, y: number): [number, number, number] {
  const i = (y * img.width + x) * 4;
  return [img.data[i], img.data[i + 1], img.data[i + 2]];
}

test('a png of the size asked for, on its background', () => {
  const img = png([series('a', [1, 2, 3])], 'width=400&height=300');
  assert.deepEqual([img.width, img.height], [400, 300]);
  for (const [x, y] of [[0, 0], [399, 0], [0, 299], [399, 299]]) assert.deepEqual(pixel(img, x, y), [255, 255, 255]);
  const dark = png([series('a', [1, 2, 3])], 'bgcolor=black&width=120&height=80');
  assert.deepEqual([dark.width, dark.height], [120, 80]);
  assert.deepEqual(pixel(dark, 0, 0), [0, 0, 0]);
  assert.deepEqual(pixel(png([series('a', [1])], 'bgcolor=%23102030'), 5, 5), [16, 32, 48]);
});

test("a line's pixels are where the data puts them, in its colour, and nowhere else", () => {
  // graphOnly: the drawing area is the whole image; yMin/yMax put 5 at the middle row
  const img = png([series('flat', Array(61).fill(5), { color: 'red', lineWidth: 2 })], 'graphOnly=true&yMin=0&yMax=10&width=200&height=100');
  for (const x of [20, 100, 180]) {
    assert.deepEqual(pixel(img, x, 50), [200, 0, 50], `column ${x} on the line`);
    assert.deepEqual(pixel(img, x, 25), [255, 255, 255], `column ${x} above it`);
    assert.deepEqual(pixel(img, x, 75), [255, 255, 255], `column ${x} below it`);
  }
  // a ramp from the bottom to the top: the middle column is red near the middle row
  const ramp = png([series('ramp', Array.from({ length: 61 }, (_, i) => i / 6), { color: 'ff0000', lineWidth: 3 })], 'graphOnly=true&yMin=0&yMax=10&width=200&height=100');
  const rows = Array.from({ length: 100 }, (_, y) => y).filter((y) => pixel(ramp, 100, y)[0] > 200 && pixel(ramp, 100, y)[1] < 120);
  assert.ok(rows.length > 0 && rows.every((y) => Math.abs(y - 50) <= 3), `red rows in column 100: ${rows}`);
});

test('stacked areas fill below their line in the series colour', () => {
  const img = png([series('a', Array(61).fill(4), { stacked: true, color: '00ff00' })], 'graphOnly=true&yMin=0&yMax=8&width=200&height=100');
  assert.deepEqual(pixel(img, 100, 90), [0, 255, 0]);
  assert.deepEqual(pixel(img, 100, 10), [255, 255, 255]);
});

test('a pie: slices in the colour cycle from the top, clockwise', () => {
  const out = renderPieGraph([{ name: 'a', value: 1 }, { name: 'b', value: 1 }], GraphParams.read('pie', new URLSearchParams('hideLegend=true&valueLabels=none&width=200&height=200')), 'png');
  const img = PNG.sync.read(out.body as Buffer);
  // the first half, right of the centre, in blue; the second, left, in green
  assert.deepEqual(pixel(img, 140, 100), [100, 100, 255]);
  assert.deepEqual(pixel(img, 60, 100), [0, 200, 0]);
});
