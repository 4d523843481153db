import { invalidIntMessage, parsePythonInt, pythonStrRepr } from '../../lib/python-text.js';
import { InputParameterError } from '../graphite-response.js';
import type { Params } from '../params.js';
import { parseATTime } from '../../render/attime.js';
import { resolveZone } from '../../render/timezone.js';

export const FIND_FORMATS = ['treejson', 'completer', 'json', 'nodelist', 'pickle', 'msgpack'] as const;
export type FindFormat = (typeof FIND_FORMATS)[number];

export interface FindRequest {
  /** as given; may be none of FIND_FORMATS (graphite-web reports that only after the find) */
  readonly format: string;
  /** the query as sent */
  readonly query: string;
  /** what is looked up: the query, rewritten for the completer */
  readonly pattern: string;
  /** the query up to and including its last dot, wildcards kept: the prefix of treejson ids */
  readonly basePath: string;
  readonly leavesOnly: boolean;
  readonly wildcards: boolean;
  /** nodelist: which path element, Python-style (negative counts from the end) */
  readonly position: number;
  readonly from?: number;
  readonly until?: number;
  readonly jsonp?: string;
}

/**
 * Reads /metrics/find's parameters as graphite-web 1.1.8's find_view does, in its order, so
 * the first problem reported is the one graphite-web reports.
 */
export function parseFindParams(params: Params, nowSeconds: number): FindRequest {
  const format = params.get('format') ?? 'treejson';
  const leavesOnly = intParam(params, 'leavesOnly', 0) !== 0;
  intParam(params, 'local', 0); // validated here; a cluster's read scope applies it (src/routes/cluster-scope.ts)
  const wildcards = intParam(params, 'wildcards', 0) !== 0;
  // graphite-web's TIME_ZONE is UTC here; an unknown tz is ignored, as graphite-web ignores it
  const tzParam = params.get('tz');
  const zone = (tzParam !== undefined ? resolveZone(tzParam) : null) ?? 'UTC';
  const now = params.has('now') ? timeParam(params, 'now', zone, nowSeconds) : nowSeconds;
  const from = timeOrUnset(params, 'from', zone, now);
  const until = timeOrUnset(params, 'until', zone, now);
  const position = intParam(params, 'position', -1);
  const jsonp = params.get('jsonp') || undefined;
  const automaticVariants = intParam(params, 'automatic_variants', 0) !== 0;

  const query = params.get('query');
  if (query === undefined) throw new InputParameterError("Missing required parameter 'query'");
  if (query === '') throw new InputParameterError("Required parameter 'query' is empty");
  const lastDot = query.lastIndexOf('.');
  const basePath = lastDot >= 0 ? query.slice(0, lastDot + 1) : '';

  let pattern = query;
  if (format === 'completer') {
    pattern = pattern.replaceAll('..', '*.');
    if (!pattern.endsWith('*')) pattern += '*';
    if (automaticVariants) {
      pattern = pattern
        .split('.')
        .map((part) => (part.includes(',') && !part.includes('{') ? `{${part}}` : part))
        .join('.');
    }
  }
  if (from !== undefined && until !== undefined && until < from) {
    throw new InputParameterError(`Failed to instantiate find query: Invalid interval start=${from} end=${until}`);
  }
  return { format, query, pattern, basePath, leavesOnly, wildcards, position, from, until, jsonp };
}

export function isFindFormat(format: string): format is FindFormat {
  return (FIND_FORMATS as readonly string[]).includes(format);
}

/** graphite-web's queryParamAsInt: Python int() of the last value, or the default when absent. */
export function intParam(params: Params, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === undefined) return fallback;
  const value = parsePythonInt(raw);
  if (value === null) {
    throw new InputParameterError(`Invalid int value ${pythonStrRepr(raw)} for param ${name}: ${invalidIntMessage(raw)}`);
  }
  return value;
}

function timeParam(params: Params, name: string, zone: string, now: number): number {
  const raw = params.get(name)!;
  try {
    return parseATTime(raw, zone, now);
  } catch (err) {
    throw new InputParameterError(`Invalid value ${pythonStrRepr(raw)} for param ${name}: ${(err as Error).message}`);
  }
}

/** `-1` (or absence) means unset. */
function timeOrUnset(params: Params, name: string, zone: string, now: number): number | undefined {
  const raw = params.get(name);
  if (raw === undefined || raw === '-1') return undefined;
  return timeParam(params, name, zone, now);
}
