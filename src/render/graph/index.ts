import { runWhole, type WorkSlicer } from '../../lib/work-slicer.js';
import type { Series } from '../series.js';
import type { ImageFormat } from './graph-base.js';
import { LineGraph } from './line-graph.js';
import type { GraphParams } from './params.js';
import { PieGraph, type PieSlice } from './pie-graph.js';
import { svgToPng, svgToPngOffLoop } from './png.js';
import { svgWork } from './svg.js';
import { loadFace } from './font.js';
import { DEFAULT_TEMPLATE } from './templates.js';

export type { ImageFormat } from './graph-base.js';
export { GraphParams, GRAPH_TYPES, type GraphType } from './params.js';
export type { PieSlice } from './pie-graph.js';

export interface GraphImage {
  readonly contentType: string;
  readonly body: string | Buffer;
}

const CONTENT_TYPES: Record<ImageFormat, string> = { png: 'image/png', svg: 'image/svg+xml', pdf: 'application/x-pdf' };

/** A line graph of the series, as graphite-web draws one, in the format asked for. */
export function renderLineGraph(series: readonly Series[], params: GraphParams, format: ImageFormat, tz: string): GraphImage {
  return encode(lineGraphSvg(series, params, format, tz), format);
}

/** The svg a line graph is drawn as, laid out with the text metrics of `format` (the png's are hinted). */
export function lineGraphSvg(series: readonly Series[], params: GraphParams, format: ImageFormat, tz: string): string {
  return runWhole(lineGraphSvgWork(series, params, format, tz));
}

/** lineGraphSvg as work that yields between its units (a series drawn, a series' metadata written, a few elements of the svg). */
function* lineGraphSvgWork(series: readonly Series[], params: GraphParams, format: ImageFormat, tz: string): Generator<void, string> {
  const g = new LineGraph(series, params, format, tz);
  yield* g.draw();
  return yield* svgWork(g.canvas, format === 'svg' ? yield* g.metadataJson() : null);
}

/** A pie chart of named values (graphType=pie). */
export function renderPieGraph(slices: readonly PieSlice[], params: GraphParams, format: ImageFormat): GraphImage {
  return encode(runWhole(pieGraphSvgWork(slices, params, format)), format);
}

function* pieGraphSvgWork(slices: readonly PieSlice[], params: GraphParams, format: ImageFormat): Generator<void, string> {
  const g = new PieGraph(slices, params, format);
  yield* g.draw();
  return yield* svgWork(g.canvas, format === 'svg' ? '{}' : null);
}

function encode(svg: string, format: ImageFormat): GraphImage {
  if (format === 'svg') return { contentType: CONTENT_TYPES.svg, body: svg };
  return { contentType: CONTENT_TYPES.png, body: svgToPng(svg) };
}

/**
 * renderLineGraph as /render draws it (issue 14): the svg drawn in slices of the event loop
 * (`slicer`), a png rasterised on the thread pool (svgToPngOffLoop); `slicer`'s signal stops
 * either (a render past its time limit, a client gone) at its next pause.
 */
export async function renderLineGraphSliced(series: readonly Series[], params: GraphParams, format: ImageFormat, tz: string, slicer: WorkSlicer): Promise<GraphImage> {
  return encodeOffLoop(await slicer.run(lineGraphSvgWork(series, params, format, tz)), format, slicer.signal);
}

/**
 * Reads the default template's font (what every graph measures unless asked otherwise), so that
 * the first graph a server draws does not parse it while it holds the event loop (issue 14).
 */
export function loadDefaultFont(): void {
  loadFace({ name: DEFAULT_TEMPLATE.fontName, bold: DEFAULT_TEMPLATE.fontBold, italic: DEFAULT_TEMPLATE.fontItalic });
}

/** renderPieGraph as /render draws it: as renderLineGraphSliced. */
export async function renderPieGraphSliced(slices: readonly PieSlice[], params: GraphParams, format: ImageFormat, slicer: WorkSlicer): Promise<GraphImage> {
  return encodeOffLoop(await slicer.run(pieGraphSvgWork(slices, params, format)), format, slicer.signal);
}

async function encodeOffLoop(svg: string, format: ImageFormat, signal: AbortSignal | undefined): Promise<GraphImage> {
  if (format === 'svg') return { contentType: CONTENT_TYPES.svg, body: svg };
  return { contentType: CONTENT_TYPES.png, body: await svgToPngOffLoop(svg, signal) };
}
