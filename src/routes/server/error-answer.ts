import { FindTimeoutError } from '../../finders/bounded-find.js';
import { FindLimitError, GlobError } from '../../finders/glob/errors.js';
import { TagExpressionError } from '../../finders/tag-expressions.js';
import { TagLimitError } from '../../finders/tags/tag-work.js';
import { pythonJsonDumps } from '../../lib/python-json.js';
import { TooManySeriesError } from '../../engine/removal/series-deletion.js';
import { BackendUnavailableError, LimitExceededError, OverloadedError } from '../../lib/service-errors.js';
import { RenderLimitError } from '../../render/evaluator/errors.js';
import { InputError } from '../../render/function-types.js';
import { InputParameterError, PlainBadRequestError } from '../graphite-response.js';
import { EventInputError } from '../../events/new-event.js';

/**
 * How a route writes its error answers: graphite-web's short texts, `{"error": message}`, or
 * that as graphite-web's json-answering views write it (Python's json.dumps, `application/json`,
 * indented with sorted keys when `pretty`: the tag API).
 */
export type ErrorBody = 'text' | 'json' | 'graphite-json';

export interface ErrorContext {
  /** the route's error body (`config.errorBody`); text by default */
  readonly body: ErrorBody;
  /** the targets of a render request, once read: graphite-web names them in a 400 */
  readonly targets: readonly string[] | null;
  /** the request's id, which the log line of an unexpected error carries */
  readonly requestId: string;
  /** the setting of the route's body limit, for its 413 (limits.ingest.maxHttpBodyBytes when absent) */
  readonly bodyLimitSetting?: string;
  /** graphite-json: the request asked for indented JSON (a non-empty `pretty`) */
  readonly pretty?: boolean;
}

export interface ErrorAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  /** not a refusal but a failure: logged with its stack, its text never sent */
  readonly unexpected: boolean;
}

/** What an error means to the client, before it is written in the route's body style. */
interface Problem {
  status: number;
  /** the message, as `{"error": ...}` carries it */
  message: string;
  /** the exact text answer where graphite-web (or carbyne's answer before this handler) has one */
  text?: { type: string; body: string };
  headers?: Record<string, string>;
  unexpected?: boolean;
}

const TEXT_UTF8 = 'text/plain; charset=utf-8';

/**
 * The one mapping from the project's error types to answers. Graphite routes keep graphite-web's
 * texts and types (a bad parameter of /metrics/find is text/html as graphite-web's
 * handleInputParameterError writes it; a bad render target is text/plain naming the targets);
 * limits answer 422, a request too large 413, load 429, a failed backend 503; anything else is
 * a 500 that names the request id and nothing of the failure.
 */
export function errorAnswer(err: unknown, ctx: ErrorContext): ErrorAnswer {
  const p = problem(err, ctx);
  const headers = p.headers ?? {};
  if (ctx.body === 'graphite-json') {
    const text = pythonJsonDumps({ error: p.message }, { ensureAscii: true, indent: ctx.pretty ? 2 : undefined });
    return { status: p.status, contentType: 'application/json', body: Buffer.from(text, 'utf8'), headers, unexpected: p.unexpected ?? false };
  }
  if (ctx.body === 'json') {
    return { status: p.status, contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify({ error: p.message })), headers, unexpected: p.unexpected ?? false };
  }
  const text = p.text ?? { type: TEXT_UTF8, body: `${p.message}\n` };
  return { status: p.status, contentType: text.type, body: Buffer.from(text.body, 'utf8'), headers, unexpected: p.unexpected ?? false };
}

function problem(err: unknown, ctx: ErrorContext): Problem {
  if (err instanceof InputParameterError) {
    const message = `Invalid parameters (${err.message})`;
    return { status: 400, message, text: { type: 'text/html; charset=utf-8', body: message } };
  }
  if (err instanceof InputError) {
    const where = ctx.targets && ctx.targets.length > 0 ? `; targets: "${ctx.targets.join(', ')}"` : '';
    const message = `Invalid parameters (${err.message})${where}`;
    return { status: 400, message, text: { type: TEXT_UTF8, body: message } };
  }
  if (err instanceof PlainBadRequestError || err instanceof GlobError || err instanceof TagExpressionError) return plainText(400, err.message);
  if (err instanceof FindLimitError || err instanceof FindTimeoutError) return plainText(422, err.message);
  if (err instanceof RenderLimitError) return { status: err.status, message: err.message };
  if (err instanceof LimitExceededError || err instanceof TooManySeriesError || err instanceof TagLimitError) return { status: 422, message: err.message };
  // graphite-web answers a bad `tags` itself (a JSON text typed text/html); its 500s are 400s naming the problem
  if (err instanceof EventInputError) return err.graphiteBody === undefined ? { status: 400, message: err.message } : { status: 400, message: err.message, text: { type: 'text/html; charset=utf-8', body: err.graphiteBody } };
  if (err instanceof OverloadedError) return { status: 429, message: err.message, headers: retryAfter(err.retryAfterSeconds) };
  if (err instanceof BackendUnavailableError) return { status: 503, message: err.message, headers: retryAfter(err.retryAfterSeconds) };
  const status = clientErrorStatus(err);
  if (status === 413) return { status, message: `request body larger than the limit set by ${ctx.bodyLimitSetting ?? 'limits.ingest.maxHttpBodyBytes'}` };
  if (status !== null) return { status, message: (err as Error).message };
  return { status: 500, message: `Internal error while answering request ${ctx.requestId}; the server log has the details`, unexpected: true };
}

/** graphite-web's HttpResponseBadRequest(content_type='text/plain'): no charset, no newline */
function plainText(status: number, message: string): Problem {
  return { status, message, text: { type: 'text/plain', body: message } };
}

function retryAfter(seconds: number | undefined): Record<string, string> | undefined {
  return seconds === undefined ? undefined : { 'retry-after': String(Math.max(0, Math.ceil(seconds))) };
}

/**
 * The 4xx of an error raised about the request itself: Fastify's (a body too large, a content
 * type it cannot parse, a schema the request fails) and a body parser's. Their messages describe
 * the request, not the server.
 */
function clientErrorStatus(err: unknown): number | null {
  if (!(err instanceof Error)) return null;
  const status = (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}
