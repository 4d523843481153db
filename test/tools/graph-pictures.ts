/**
 * Draws every case of test/fixtures/graphs/cases.json with carbyne (the golden app: the real
 * engine fed the sample points) into docs/graphs/<case>.carbyne.png, beside graphite-web's own
 * picture of it (<case>.graphite-web.png, kept by test/fixtures/graphs/capture.sh), and writes
 * docs/graphs.md showing each pair side by side.
 *
 *   npx tsx test/tools/graph-pictures.ts
 */
import { writeFileSync } from 'node:fs';
import { startGoldenApp } from '../helpers/golden-app.js';
import { graphCases } from '../helpers/graph-cases.js';

const { cases } = graphCases;
const app = await startGoldenApp();
const rows: string[] = [];
try {
  for (const c of cases) {
    const res = await fetch(`${app.url}/render?${c.query}`);
    if (res.status !== 200 || res.headers.get('content-type') !== 'image/png') throw new Error(`${c.name}: ${res.status} ${await res.text()}`);
    writeFileSync(`docs/graphs/${c.name}.carbyne.png`, Buffer.from(await res.arrayBuffer()));
    const query = decodeURIComponent(c.query.replace(/\+/g, ' ')).replace(/&now=\d+$/, '').replace(/\|/g, '\\|');
    rows.push(`| **${c.name}**: ${c.what}<br>\`${query}\` | ![graphite-web](graphs/${c.name}.graphite-web.png) | ![carbyne](graphs/${c.name}.carbyne.png) |`);
    console.log(c.name);
  }
} finally {
  await app.destroy();
}

const page = `# Graphs: carbyne beside graphite-web

\`/render\` draws graphite-web's graphs: \`format=png\` (the default when a request names no
format), \`format=svg\`, and \`graphType=pie\`. The drawing is carbyne's own TypeScript
(\`src/render/graph/\`), laid out as graphite-web 1.1.8's \`render/glyph.py\` lays its graphs out:
the same y axis steps and labels, time axis labels, legend columns, titles and margins, so
every text lands where graphite-web puts it. The svg is written directly; the png is that svg
rasterised by resvg (\`@resvg/resvg-js\`, a prebuilt binary in its npm package) with the DejaVu
fonts carbyne bundles (\`dejavu-fonts-ttf\`, the same fonts graphite-web's \`Sans\` resolves to on
Debian), so a picture is the same on every machine.

## Why png goes through the svg

Measured on the same 20-series, 1-day, 800x400 graph (the drawing recorded once, medians of 30
on this 2-core machine): resvg rasterising carbyne's svg took 51 ms, @napi-rs/canvas (skia)
drawing the same recording directly 48 ms. With no speed to choose between them, resvg won on
the rest: the png is exactly the svg drawn (one drawing to test and to keep right), its binary
is 4 MB against skia's 35 MB, and it took the bundled fonts as given (canvas picked a bold
oblique face for regular text). End to end, \`npm run bench\` times that graph against
graphite-web over the same data (render-peer.bench.ts): in one run on a loaded machine, carbyne's
median over graphite-web's was 0.13 to 0.59 for the png and 0.19 to 0.35 for the svg across
carbyne's three storage states (131 ms against 378 ms for the png with the store half flushed).

## How it is checked

- \`test/routes/render-graphs.golden.test.ts\`: each case below is asked of carbyne, and every
  text it draws (title, legend names, y and x axis labels) is compared with what graphite-web's
  own graph code drew for the same request and data (captured by
  \`test/fixtures/graphs/capture.sh\`, which records each text graphite-web draws and where). In
  svg, every text, every position (to 0.01 px), every y label and the drawing area agree; in
  png, cairo's hinted font metrics are followed (whole-pixel ascent, descent and advances), and
  positions agree within 3 px (a long legend name gathers the rounding of many glyphs).
- \`test/render/graph/*.test.ts\`: the y axis step and label choice, unit systems and log scales,
  the time axis configurations, the legend, path points where the data puts them, stacking, the
  Graph-group options (\`series.graph\`), the png's size, background and line pixels.

## Differences

- Text is antialiased (graphite-web turns antialiasing off for text); lines are antialiased in
  both. Glyph advances in png are rounded per glyph rather than hinted, so a label may be a
  pixel wider or narrower than graphite-web's, and a label's neighbours move by as much.
- The svg keeps text as \`<text>\` elements (cairo writes glyph outlines), and groups its parts as
  \`<g class="title|legend|axes|grid|lines">\`; the \`metadata\` script graphite-web appends is there,
  in the same shape.
- \`format=pdf\` answers 400: not drawn yet.
- Errors graphite-web answers with a 500 (a bad \`lineMode\`, \`areaMode\`, \`pieMode\`, \`valueLabels\`,
  a \`yMin\` that is not a number, a log scale over values at or below zero, min above max)
  answer 400 naming the problem. A graph is at most 10,000 px a side and 16 million pixels,
  and has at most 100 minor grid lines (minorY) between two y labels.
- \`template\`: graphite-web reads templates from graphTemplates.conf, which Debian's package
  does not ship, so every template draws as \`default\`; carbyne does the same.

## The pictures

The cases named \`graph_*\` use graphite-web's Graph functions (color, alpha, dashed, lineWidth,
secondYAxis, stacked, areaBetween, drawAsInfinite, threshold), which set the colours and
options the graph draws with (\`series.graph\`); the golden test also checks that carbyne's
functions give its graph the series, points and options graphite-web's gave its own.

Left graphite-web 1.1.8 (the oracle over the shared sample data), right carbyne over the same
points; redraw them with \`npx tsx test/tools/graph-pictures.ts\` (carbyne's) and
\`test/fixtures/graphs/capture.sh\` (graphite-web's).

| case | graphite-web | carbyne |
| --- | --- | --- |
${rows.join('\n')}
`;
writeFileSync('docs/graphs.md', page);
