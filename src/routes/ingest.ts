import type { FastifyPluginAsync } from 'fastify';
import type { HttpIngest, IngestReport } from '../ingest/http-ingest.js';
import { BackendUnavailableError } from '../lib/service-errors.js';
import { JSON_ERROR } from './schema/answers.js';
import { addSharedSchemas, ref, shared } from './schema/shared.js';
import { BadRequestError } from './server/bad-request-error.js';

const PLAINTEXT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream'];

const INGEST_POINT = shared('IngestPoint', {
  type: 'object',
  required: ['path', 'value'],
  properties: {
    path: { type: 'string', examples: ['servers.web01.cpu.user'] },
    value: { type: ['number', 'string'], description: "a number, or text Python's float() reads (`\"inf\"`, `\"1e3\"`)" },
    timestamp: { type: ['number', 'string', 'null'], description: 'unix seconds (a fraction is truncated); absent, null or -1 means now' },
  },
} as const);

const INGEST_ERROR = shared('IngestError', JSON_ERROR);

const INGEST_SCHEMA = {
  tags: ['carbyne'],
  summary: 'Writes points, as carbon plaintext lines or as a JSON array.',
  description:
    "The body is one batch: every point in it is written, and the answer comes once the batch is durable. Bad lines or items are skipped and reported; the good ones around them are kept. A value is anything Python's float() reads (`nan` is dropped, as carbon does). Carbon plaintext is also read from `application/x-www-form-urlencoded`, `application/octet-stream`, any `text/*` type or no type at all, so `curl --data-binary @metrics.txt` works (plain `-d` strips the newlines).",
  body: {
    content: {
      'text/plain': { schema: { description: 'carbon plaintext: `path value [timestamp]` lines', examples: ['servers.web01.cpu.user 42.5 1795316580\ndisk.used;dc=eu;host=web01 512 1795316580\n'] } },
      'application/json': {
        schema: {
          type: 'array',
          items: { anyOf: [ref(INGEST_POINT), { title: 'anything else', description: 'skipped, and reported in `errors`' }] },
          examples: [[{ path: 'servers.web01.cpu.user', value: 42.5, timestamp: 1795316580 }]],
        },
      },
    },
  },
  response: {
    200: {
      description: 'the batch is committed',
      type: 'object',
      required: ['accepted', 'rejected', 'errors'],
      properties: {
        accepted: { type: 'integer', description: 'points written and committed' },
        rejected: { type: 'integer', description: 'lines or items not stored (malformed, invalid name, too old, NaN)' },
        errors: { type: 'array', description: 'the first ten problems, each naming its line or item', items: { type: 'string' } },
      },
    },
    400: { description: 'the JSON body is not valid JSON, or not an array', content: { 'application/json': { schema: ref(INGEST_ERROR) } } },
    413: { description: 'the body is larger than limits.ingest.maxHttpBodyBytes', content: { 'application/json': { schema: ref(INGEST_ERROR) } } },
    415: { description: 'a content type that is neither plaintext nor JSON', content: { 'application/json': { schema: ref(INGEST_ERROR) } } },
    503: {
      description: 'the storage engine failed to store the batch (nothing of it is kept), or the server is busy: limits.concurrency.ingest.maxInFlight requests in flight and its queue full (with Retry-After)',
      content: { 'application/json': { schema: ref(INGEST_ERROR) } },
    },
  },
} as const;

export interface IngestRouteOptions {
  /** where points go; null when no storage engine is wired (then 503) */
  readonly ingest: HttpIngest | null;
}

/**
 * `POST /ingest`: carbon plaintext (text/plain; also curl's default form type and a missing
 * type, so `curl --data-binary @file` works), or JSON `[{"path","value","timestamp"}]`.
 * Answers `{accepted, rejected, errors}` once the points are committed; errors are
 * `{"error": message}`.
 */
export const ingestRoutes: FastifyPluginAsync<IngestRouteOptions> = async (app, { ingest }) => {
  addSharedSchemas(app, [INGEST_POINT, INGEST_ERROR]);
  // this plugin's own body parsing: plaintext stays bytes for the byte parser; JSON is parsed
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => parseJson(body as Buffer, done));
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type.endsWith('+json')) return parseJson(body as Buffer, done);
    if (type === '' || type.startsWith('text/') || PLAINTEXT_TYPES.includes(type)) return done(null, body);
    done(new BadRequestError(`unsupported content type "${type}": send carbon plaintext lines as text/plain, or a JSON array as application/json`, 415));
  });

  app.post('/ingest', { schema: INGEST_SCHEMA, config: { errorBody: 'json', admission: 'ingest' } }, async (req): Promise<IngestReport> => {
    if (ingest === null) throw new BackendUnavailableError('storage engine', 'none is wired to accept points');
    const body = req.body ?? Buffer.alloc(0);
    // application/json is checked by the schema; a `+json` type is checked here
    if (!Buffer.isBuffer(body) && !Array.isArray(body)) throw new BadRequestError('body must be array');
    try {
      // awaited here, so that a failed commit or sync is the 503 below
      return await (Buffer.isBuffer(body) ? ingest.plaintext(body, req.ip) : ingest.json(body as unknown[], req.ip));
    } catch (err) {
      // a paused ingest's refusal already says why and when to come back
      if (err instanceof BackendUnavailableError) throw err;
      throw new BackendUnavailableError('storage engine', `points not stored: ${(err as Error).message}`, { cause: err });
    }
  });
};

function parseJson(bytes: Buffer, done: (err: Error | null, body?: unknown) => void): void {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    return done(new BadRequestError(`body is not valid JSON: ${(err as Error).message}`));
  }
  done(null, value);
}
