import type { FastifyReply, FastifyRequest } from 'fastify';
import { pythonJsonDumps, quoteAscii, quoteUnicode, type PythonJsonValue, type Quote } from '../lib/python-json.js';
import type { Params } from './params.js';

/**
 * A user mistake in a request's parameters, answered as graphite-web's
 * handleInputParameterError answers it: 400, `Invalid parameters (<message>)`, text/html.
 */
export class InputParameterError extends Error {
  override readonly name = 'InputParameterError';
}

/**
 * A mistake graphite-web answers with a bare HttpResponseBadRequest: 400, the message as it
 * is, `text/plain` without a charset (find's unknown format).
 */
export class PlainBadRequestError extends Error {
  override readonly name = 'PlainBadRequestError';
}

/**
 * graphite-web's json_response_for: Python's json.dumps text, ASCII-escaped and typed
 * `application/json` only when the client sent no Accept header or exactly
 * `Accept: application/json`; otherwise the text keeps non-ASCII characters and the type
 * gains `;charset=utf-8`. `jsonp` wraps the text in a call typed text/javascript; a non-empty
 * `pretty` indents by 2. `data` may be a function, called only when needed; `flat`, when
 * given, writes the unindented text directly (a hot path's faster writer).
 */
export function sendGraphiteJson(
  req: FastifyRequest,
  reply: FastifyReply,
  params: Params,
  data: PythonJsonValue | (() => PythonJsonValue),
  options: { jsonp?: string; status?: number; flat?: (quote: Quote) => string } = {},
): FastifyReply {
  const accept = req.headers.accept;
  const ensureAscii = accept === undefined || accept === 'application/json';
  const pretty = (params.get('pretty') ?? '') !== '';
  const value = () => (typeof data === 'function' ? data() : data);
  let text =
    options.flat && !pretty
      ? options.flat(ensureAscii ? quoteAscii : quoteUnicode)
      : pythonJsonDumps(value(), { ensureAscii, indent: pretty ? 2 : undefined });
  let type = 'application/json';
  if (options.jsonp) {
    text = `${options.jsonp}(${text})`;
    type = 'text/javascript';
  }
  if (!ensureAscii) type += ';charset=utf-8';
  // a Buffer keeps Fastify from adding its own charset to the type
  return reply.code(options.status ?? 200).type(type).send(Buffer.from(text, 'utf8'));
}

/** Adds a header name to Vary, keeping what is there (CORS's Origin). */
export function addVary(reply: FastifyReply, name: string): FastifyReply {
  const vary = reply.getHeader('vary');
  return reply.header('vary', vary ? `${String(vary)}, ${name}` : name);
}

/** graphite-web's find and expand answers are never to be cached. */
export function noCache(reply: FastifyReply): FastifyReply {
  return reply.header('Pragma', 'no-cache').header('Cache-Control', 'no-cache');
}
