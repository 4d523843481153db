import { invalidIntMessage, parsePythonInt } from '../../lib/python-text.js';
import { PlainBadRequestError } from '../graphite-response.js';
import type { Params } from '../params.js';

/** `key` repeated, or else its jQuery twin `key[]` (graphite-web reads one or the other, not both). */
export function listParam(params: Params, key: string): string[] {
  const plain = params.list(key);
  return plain.length > 0 ? plain : params.list(`${key}[]`);
}

/** A non-empty single parameter, or undefined (graphite-web's `if not x`). */
export function textParam(params: Params, key: string): string | undefined {
  const v = params.get(key);
  return v === undefined || v === '' ? undefined : v;
}

/** Python's int() of a parameter, with its ValueError text as a 400. */
export function intParam(raw: string): number {
  const n = parsePythonInt(raw);
  if (n === null) throw new PlainBadRequestError(invalidIntMessage(raw));
  return n;
}

/**
 * An autocomplete's `limit`: absent, graphite-web's default applies and nothing more; given,
 * it is an int (400 otherwise) that also cuts the final answer as a Python slice `[:limit]`
 * (graphite-web's Store does so: a negative limit drops that many from the end).
 */
export function autocompleteLimit(params: Params): { limit?: number; cut: <T>(list: T[]) => T[] } {
  const raw = params.get('limit');
  if (raw === undefined) return { cut: (list) => list };
  const limit = intParam(raw);
  return { limit, cut: (list) => list.slice(0, limit >= 0 ? limit : Math.max(0, list.length + limit)) };
}

/**
 * The `limit` of /tags and /tags/<tag>: an SQL LIMIT when non-empty (400 when not an int), where
 * a negative one means none; undefined means all.
 */
export function listLimit(params: Params): number | undefined {
  const raw = params.get('limit');
  if (raw === undefined || raw === '') return undefined;
  const n = intParam(raw);
  return n < 0 ? undefined : n;
}
