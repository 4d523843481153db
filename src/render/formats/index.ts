import type { Series } from '../series.js';
import { applyMaxDataPoints } from '../consolidation.js';
import { jsonWork } from './json.js';
import { csvWork } from './csv.js';
import { rawWork } from './raw.js';
import { dygraphWork } from './dygraph.js';
import { rickshawWork } from './rickshaw.js';
import { msgpackWork, pickleWork } from './series-info.js';
import { runWhole, type WorkSlicer } from '../../lib/work-slicer.js';
import type { ByteBuffers } from '../../lib/value-pool.js';

export const OUTPUT_FORMATS = ['json', 'csv', 'raw', 'pickle', 'msgpack', 'dygraph', 'rickshaw'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function isOutputFormat(f: string): f is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(f);
}

export interface OutputOptions {
  readonly format: OutputFormat;
  readonly pretty: boolean;
  /** wraps json, dygraph and rickshaw answers in `callback(...)` */
  readonly jsonp?: string;
  readonly noNullPoints: boolean;
  /** json only, as graphite-web */
  readonly maxDataPoints?: number;
  /** IANA zone for csv timestamps */
  readonly tz: string;
  /** where the answer's bytes come from (a request's ByteArena; fresh memory without) */
  readonly bytes?: ByteBuffers;
}

export interface RenderedBody {
  readonly contentType: string;
  readonly body: string | Buffer;
}

/** Series in the requested format, with graphite-web's content types. */
export function renderOutput(series: readonly Series[], opts: OutputOptions): RenderedBody {
  return runWhole(outputWork(series, opts));
}

/** renderOutput in slices of the event loop: pauses as `slicer` says, stops when it is called off. */
export function renderOutputSliced(series: readonly Series[], opts: OutputOptions, slicer: WorkSlicer): Promise<RenderedBody> {
  return slicer.run(outputWork(series, opts));
}

function* outputWork(series: readonly Series[], opts: OutputOptions): Generator<void, RenderedBody> {
  switch (opts.format) {
    case 'json': {
      // graphite-web's `if any(data)`, asked before maxDataPoints consolidates
      if (!series.some((s) => s.values.length > 0)) return script(Buffer.from('[]'), opts.jsonp);
      const data = opts.maxDataPoints === undefined ? series : applyMaxDataPoints(series, opts.maxDataPoints);
      return script(yield* jsonWork(data, { pretty: opts.pretty, noNullPoints: opts.noNullPoints, bytes: opts.bytes }), opts.jsonp);
    }
    case 'dygraph':
      return script(yield* dygraphWork(series), opts.jsonp);
    case 'rickshaw':
      return script(yield* rickshawWork(series, opts.pretty), opts.jsonp);
    case 'csv':
      return { contentType: 'text/csv', body: yield* csvWork(series, opts.tz, opts.bytes) };
    case 'raw':
      return { contentType: 'text/plain', body: yield* rawWork(series, opts.bytes) };
    case 'pickle':
      return { contentType: 'application/pickle', body: yield* pickleWork(series, opts.bytes) };
    case 'msgpack':
      return { contentType: 'application/x-msgpack', body: yield* msgpackWork(series, opts.bytes) };
  }
}

function script(json: string | Buffer, jsonp: string | undefined): RenderedBody {
  if (jsonp === undefined) return { contentType: 'application/json', body: json };
  const body = typeof json === 'string' ? `${jsonp}(${json})` : Buffer.concat([Buffer.from(`${jsonp}(`), json, Buffer.from(')')]);
  return { contentType: 'text/javascript', body };
}
