import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startGoldenApp, type GoldenApp } from '../helpers/golden-app.js';
import { GOLDEN_NOW } from '../helpers/golden-data.js';
import { svgMetadata, svgTexts, type SvgText } from '../helpers/graph-svg.js';
import { Series } from '../../src/render/series.js';
import { GraphParams } from '../../src/render/graph/params.js';
import { lineGraphSvg } from '../../src/render/graph/index.js';
import { Evaluator } from '../../src/render/evaluator/evaluator.js';
import { functionMap } from '../../src/render/function-map.js';
import { RENDER_FUNCTIONS } from '../../src/render/functions/index.js';
import { parseRenderOptions } from '../../src/render/options.js';
import { Params } from '../../src/routes/params.js';
import { assertJsonClose } from '../helpers/compare.js';
import { givenSeries, graphCaptures, graphCases, type Capture, type CapturedText } from '../helpers/graph-cases.js';

// What graphite-web drew for each case: test/fixtures/graphs/capture.sh (capture.py) records
// every text graphite-web's graph code draws, where, and the drawing area it ends with.
const { now, cases } = graphCases;
const captured = graphCaptures;

const ANCHOR = { left: 'start', center: 'middle', right: 'end' } as const;

let t: GoldenApp;
before(async () => {
  assert.equal(now, GOLDEN_NOW);
  t = await startGoldenApp();
});
after(() => t.destroy());

/** Differences between graphite-web's texts and ours: strings and alignment exactly, positions within `tolerance` pixels. */
function textDifferences(theirs: CapturedText[], ours: SvgText[], tolerance: number): string[] {
  const out: string[] = [];
  if (theirs.length !== ours.length) out.push(`${ours.length} texts, graphite-web drew ${theirs.length}: ${JSON.stringify(ours.map((o) => o.text))} vs ${JSON.stringify(theirs.map((o) => o.text))}`);
  for (let i = 0; i < Math.min(theirs.length, ours.length); i++) {
    const a = theirs[i];
    const b = ours[i];
    if (a.text !== b.text || ANCHOR[a.align] !== b.anchor || Math.abs(a.rotate - b.rotate) > 0.001) {
      out.push(`text ${i}: ${JSON.stringify(b)} where graphite-web drew ${JSON.stringify(a)}`);
    } else if (Math.abs(a.x - b.x) > tolerance || Math.abs(a.y - b.y) > tolerance) {
      out.push(`text ${i} "${a.text}" at (${b.x}, ${b.y}), graphite-web's at (${a.x.toFixed(3)}, ${a.y.toFixed(3)})`);
    }
  }
  return out;
}

/** Differences in texts, drawing area and y labels between our svg and graphite-web's capture. */
function svgDifferences(name: string, theirs: Capture, svg: string): string[] {
  const problems = textDifferences(theirs.texts, svgTexts(svg), 0.01).map((p) => `${name}: ${p}`);
  const meta = svgMetadata(svg);
  if (theirs.area && meta.area) {
    for (const k of ['xmin', 'xmax', 'ymin', 'ymax'] as const) {
      if (Math.abs(theirs.area[k] - meta.area[k]) > 1e-6) problems.push(`${name}: area.${k} ${meta.area[k]}, graphite-web's ${theirs.area[k]}`);
    }
  }
  if (theirs.yLabels && meta.y && JSON.stringify(meta.y.labels) !== JSON.stringify(theirs.yLabels)) {
    problems.push(`${name}: y labels ${JSON.stringify(meta.y.labels)}, graphite-web's ${JSON.stringify(theirs.yLabels)}`);
  }
  return problems;
}

test('every case draws the texts graphite-web draws, where it draws them, in svg', async () => {
  const problems: string[] = [];
  for (const c of cases) {
    const theirs = captured[c.name].svg;
    const res = await fetch(`${t.url}/render?${c.query}&format=svg`);
    assert.equal(res.status, theirs.status, c.name);
    problems.push(...svgDifferences(c.name, theirs, await res.text()));
  }
  assert.deepEqual(problems, []);
});

/**
 * The series a case's targets evaluate to, with the options carbyne's Graph functions set: the
 * app's own evaluator over its index and store, with the request's context as /render reads it.
 */
async function evaluated(query: string): Promise<Series[]> {
  const evaluator = new Evaluator({ index: t.app.index, reader: t.app.storage.reader, functions: functionMap(RENDER_FUNCTIONS), limits: t.app.config.limits.render });
  const opts = parseRenderOptions(Params.fromString(query), now);
  return evaluator.evaluate(opts.targets, opts.context);
}

test("the Graph functions (color, alpha, dashed, lineWidth, secondYAxis, stacked, drawAsInfinite, areaBetween, threshold) give the graph the series graphite-web's gave its own", async () => {
  const drawn = cases.filter((x) => x.drawn);
  assert.ok(drawn.length >= 7);
  for (const c of drawn) {
    const ours = (await evaluated(c.query)).map((s) => ({ name: s.name, start: s.start, end: s.end, step: s.step, values: Array.from(s.values, (v) => (Number.isNaN(v) ? null : v)), graph: s.graph }));
    const theirs = givenSeries(c).map((s) => ({ name: s.name, start: s.start, end: s.end, step: s.step, values: Array.from(s.values, (v) => (Number.isNaN(v) ? null : v)), graph: s.graph }));
    assertJsonClose(ours, theirs, c.name);
  }
});

/** The series of a case as carbyne's raw answer has them, for laying a png out without rasterising it. */
async function seriesOf(query: string): Promise<Series[]> {
  const res = await fetch(`${t.url}/render?${query}&format=raw`);
  const lines = (await res.text()).split('\n').filter((l) => l !== '');
  return lines.map((line) => {
    const bar = line.lastIndexOf('|');
    const head = line.slice(0, bar).split(',');
    const [start, end, step] = head.slice(-3).map(Number);
    const values = line.slice(bar + 1).split(',').map((v) => (v === 'None' ? NaN : Number(v)));
    return new Series(head.slice(0, -3).join(','), start, end, step, Float64Array.from(values));
  });
}

test('every line graph lays its png out as graphite-web does, within the pixel hinting moves a label by', async () => {
  const problems: string[] = [];
  for (const c of cases) {
    const params = new URLSearchParams(c.query);
    if (params.get('graphType') === 'pie') continue;
    const theirs = captured[c.name].png;
    // the raw answer has no drawing options: the cases using Graph functions are evaluated in-process
    const series = c.drawn ? await evaluated(c.query) : await seriesOf(c.query);
    const svg = lineGraphSvg(series, GraphParams.read('line', params), 'png', params.get('tz') ?? 'UTC');
    for (const p of textDifferences(theirs.texts, svgTexts(svg), 3)) problems.push(`${c.name}: ${p}`);
  }
  assert.deepEqual(problems, []);
});
