import type { FastifyReply } from 'fastify';
import { pythonJsonDumps, type PythonJsonValue } from '../../lib/python-json.js';
import type { Params } from '../params.js';

/**
 * The answer of graphite-web's tag views (util.jsonResponse): Python's json.dumps text, always
 * ASCII-escaped and typed `application/json`; a non-empty `pretty` indents by 2 and sorts the
 * keys. No jsonp: the tag views do not read it.
 */
export function sendTagJson(reply: FastifyReply, params: Params, data: PythonJsonValue, status = 200): FastifyReply {
  const pretty = (params.get('pretty') ?? '') !== '';
  const text = pythonJsonDumps(pretty ? sortKeys(data) : data, { ensureAscii: true, indent: pretty ? 2 : undefined });
  // a Buffer keeps Fastify from adding a charset to the type
  return reply.code(status).type('application/json').send(Buffer.from(text, 'utf8'));
}

/** What graphite-web's tag views answer a method they do not take: 405, no body. */
export function sendMethodNotAllowed(reply: FastifyReply): FastifyReply {
  return reply.code(405).type('text/html; charset=utf-8').send(Buffer.alloc(0));
}

/** json.dumps' sort_keys: every object's keys in code point order. */
function sortKeys(value: PythonJsonValue): PythonJsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const entries = Object.entries(value as Record<string, PythonJsonValue>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(entries.map(([k, v]) => [k, sortKeys(v)]));
}
