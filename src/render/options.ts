import { InputError, type RequestContext } from './function-types.js';
import { parseATTime } from './attime.js';
import { resolveZone } from './timezone.js';
import { isOutputFormat, OUTPUT_FORMATS, type OutputFormat } from './formats/index.js';
import { IMAGE_FORMATS, parseGraphRequest, type GraphRequest } from './graph/request.js';

/** Request parameters as graphite-web reads them (query string and form body merged). */
export interface ParamSource {
  get(key: string): string | undefined;
  getAll(key: string): string[];
  has(key: string): boolean;
  keys(): IterableIterator<string>;
}

export interface RenderOptions {
  readonly targets: string[];
  readonly context: RequestContext;
  readonly format: OutputFormat;
  readonly pretty: boolean;
  readonly jsonp?: string;
  readonly noNullPoints: boolean;
  readonly maxDataPoints?: number;
  readonly noCache: boolean;
  /** seconds a client may cache the answer; 0 with noCache */
  readonly cacheTimeout: number;
  /** set when the answer is a graph (an image format, no format at all, or graphType=pie) */
  readonly graph?: GraphRequest;
}

/** graphite-web's DEFAULT_CACHE_DURATION */
const DEFAULT_CACHE_SECONDS = 60;

/**
 * graphite-web's parseOptions for /render: targets (`target`, `target[]`), `template[...]`,
 * format (`format`, or the legacy `pickle` and `rawData` flags; png when none is given, as
 * graphite-web; graphType and the graph parameters: src/render/graph/request.ts), jsonp (only
 * with a format), pretty, maxDataPoints (digits only, else ignored),
 * noNullPoints, noCache/cacheTimeout, local, tz (unknown names ignored), now, from (default
 * -1d), until (default now), swapped when reversed and refused when equal, xFilesFactor.
 * Any problem is an InputError naming it.
 */
export function parseRenderOptions(params: ParamSource, clockNow: number, defaultZone = 'UTC'): RenderOptions {
  const targets = params.getAll('target').filter((t) => t.trim() !== '');

  const templates: Record<string, string> = {};
  for (const key of params.keys()) {
    if (key.startsWith('template[') && key.endsWith(']')) templates[key.slice(9, -1)] = params.get(key) ?? '';
  }

  let formatName: string | undefined;
  if (params.has('pickle')) formatName = 'pickle';
  if (params.has('rawData')) formatName = 'raw';
  let jsonp: string | undefined;
  if (params.has('format')) {
    formatName = params.get('format') ?? '';
    if (params.has('jsonp')) jsonp = params.get('jsonp');
  }
  formatName ??= 'png';
  const graph = parseGraphRequest(params, formatName, jsonp);
  if (graph === undefined && !isOutputFormat(formatName)) throw new InputError(`Invalid value for 'format' parameter: '${formatName}' (expected one of ${[...OUTPUT_FORMATS, ...IMAGE_FORMATS].join(', ')})`);
  if (jsonp !== undefined && !/^[A-Za-z_$][\w$.]*$/.test(jsonp)) throw new InputError(`Invalid jsonp callback name: '${jsonp}'`);

  let maxDataPoints: number | undefined;
  const mdp = params.get('maxDataPoints');
  if (mdp !== undefined && /^\d+$/.test(mdp)) {
    maxDataPoints = Number(mdp);
    if (maxDataPoints === 0) throw new InputError('maxDataPoints must be at least 1');
  }

  let cacheTimeout = DEFAULT_CACHE_SECONDS;
  const ct = params.get('cacheTimeout');
  if (ct !== undefined) {
    if (!/^\s*[+-]?\d+\s*$/.test(ct)) throw new InputError(`Invalid cacheTimeout '${ct}': expected whole seconds`);
    cacheTimeout = Number(ct);
  }
  const noCache = params.has('noCache') || cacheTimeout === 0;

  let tz = defaultZone;
  const tzParam = params.get('tz');
  if (tzParam !== undefined) tz = resolveZone(tzParam) ?? defaultZone;

  const nowParam = params.get('now');
  const now = nowParam !== undefined ? parseATTime(nowParam, tz, clockNow) : clockNow;
  const untilParam = params.get('until');
  const fromParam = params.get('from');
  const until = untilParam !== undefined ? parseATTime(untilParam, tz, now) : now;
  const from = fromParam !== undefined ? parseATTime(fromParam, tz, now) : parseATTime('-1d', tz, now);
  if (from === until) throw new InputError('Invalid empty time range');

  let xFilesFactor = 0;
  const xff = params.get('xFilesFactor');
  if (xff !== undefined) {
    xFilesFactor = Number(xff.trim());
    if (xff.trim() === '' || Number.isNaN(xFilesFactor)) throw new InputError(`Invalid xFilesFactor '${xff}': expected a number`);
  }

  const pretty = (params.get('pretty') ?? '') !== '';
  return {
    targets,
    context: {
      startTime: Math.min(from, until),
      endTime: Math.max(from, until),
      now,
      tz,
      xFilesFactor,
      templates,
      localOnly: params.get('local') === '1',
      maxDataPoints,
    },
    // a graph's format is in `graph`; the data format is then never read
    format: (graph === undefined ? formatName : 'json') as OutputFormat,
    graph,
    pretty,
    jsonp,
    noNullPoints: params.has('noNullPoints'),
    maxDataPoints,
    noCache,
    cacheTimeout: noCache ? 0 : cacheTimeout,
  };
}
