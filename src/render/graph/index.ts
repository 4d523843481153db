import type { Series } from '../series.js';
import type { ImageFormat } from './graph-base.js';
import { LineGraph } from './line-graph.js';
import type { GraphParams } from './params.js';
import { PieGraph, type PieSlice } from './pie-graph.js';
import { svgToPng, svgToPngOffLoop } from './png.js';
import { writeSvg } from './svg.js';

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
  const g = new LineGraph(series, params, format, tz);
  return writeSvg(g.canvas, format === 'svg' ? g.metadata() : null);
}

/** A pie chart of named values (graphType=pie). */
export function renderPieGraph(slices: readonly PieSlice[], params: GraphParams, format: ImageFormat): GraphImage {
  const g = new PieGraph(slices, params, format);
  return encode(writeSvg(g.canvas, format === 'svg' ? {} : null), format);
}

function encode(svg: string, format: ImageFormat): GraphImage {
  if (format === 'svg') return { contentType: CONTENT_TYPES.svg, body: svg };
  return { contentType: CONTENT_TYPES.png, body: svgToPng(svg) };
}

/** renderLineGraph with a png rasterised off the event loop (svgToPngOffLoop), as /render draws it. */
export function renderLineGraphOffLoop(series: readonly Series[], params: GraphParams, format: ImageFormat, tz: string, signal?: AbortSignal): Promise<GraphImage> {
  return encodeOffLoop(lineGraphSvg(series, params, format, tz), format, signal);
}

/** renderPieGraph with a png rasterised off the event loop. */
export function renderPieGraphOffLoop(slices: readonly PieSlice[], params: GraphParams, format: ImageFormat, signal?: AbortSignal): Promise<GraphImage> {
  const g = new PieGraph(slices, params, format);
  return encodeOffLoop(writeSvg(g.canvas, format === 'svg' ? {} : null), format, signal);
}

async function encodeOffLoop(svg: string, format: ImageFormat, signal: AbortSignal | undefined): Promise<GraphImage> {
  if (format === 'svg') return { contentType: CONTENT_TYPES.svg, body: svg };
  return { contentType: CONTENT_TYPES.png, body: await svgToPngOffLoop(svg, signal) };
}
