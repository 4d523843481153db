import { InputError } from '../function-types.js';
import type { ImageFormat } from './graph-base.js';
import { GRAPH_TYPES, GraphParams, type GraphType } from './params.js';

export const IMAGE_FORMATS = ['png', 'svg', 'pdf'] as const satisfies readonly ImageFormat[];
export const PIE_MODES = ['average', 'maximum', 'minimum'] as const;
export type PieMode = (typeof PIE_MODES)[number];

/** What a /render request asks of a graph: its type, image format and parameters. */
export interface GraphRequest {
  readonly type: GraphType;
  readonly format: ImageFormat;
  readonly params: GraphParams;
  /** how a pie reduces each series to its slice's value */
  readonly pieMode: PieMode;
  /** an svg answer wrapped as `callback("<svg...>")` */
  readonly jsonp?: string;
}

interface Source {
  get(key: string): string | undefined;
  has(key: string): boolean;
}

export function isImageFormat(f: string): f is ImageFormat {
  return (IMAGE_FORMATS as readonly string[]).includes(f);
}

/** graphite-web's graphType (checked on every request, as it does), `line` by default. */
export function graphTypeOf(params: Source): GraphType {
  const type = params.get('graphType') ?? 'line';
  if (!(GRAPH_TYPES as readonly string[]).includes(type)) throw new InputError(`Invalid graphType '${type}', must be one of ${GRAPH_TYPES.join(', ')}`);
  return type as GraphType;
}

/**
 * The graph a request asks for, or undefined when it asks for data. A pie is drawn whatever the
 * format says (graphite-web answers a pie request with an image even for format=json): as svg
 * or pdf when asked, else png.
 */
export function parseGraphRequest(params: Source, format: string, jsonp: string | undefined): GraphRequest | undefined {
  const type = graphTypeOf(params);
  if (type === 'line' && !isImageFormat(format)) return undefined;
  const pieMode = params.get('pieMode') ?? 'average';
  if (!(PIE_MODES as readonly string[]).includes(pieMode)) throw new InputError(`Invalid pieMode '${pieMode}', must be one of ${PIE_MODES.join(', ')}`);
  if (format === 'pdf') throw new InputError("format 'pdf' is not supported; use png or svg");
  const imageFormat: ImageFormat = format === 'svg' ? format : 'png';
  return { type, format: imageFormat, params: GraphParams.read(type, params), pieMode: pieMode as PieMode, jsonp: imageFormat === 'svg' ? jsonp : undefined };
}
