import type { FastifyPluginAsync } from 'fastify';
import type { HttpIngest, IngestReport } from '../ingest/http-ingest.js';
import { BackendUnavailableError } from '../lib/service-errors.js';
import { BadRequestError } from './server/bad-request-error.js';

/** A body the route reads: carbon plaintext lines, or parsed JSON. */
type IngestBody = { kind: 'plaintext'; bytes: Buffer } | { kind: 'json'; value: unknown };

const PLAINTEXT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream'];

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
  // this plugin's own body parsing: raw bytes, so lines go to the byte parser untouched
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => parseJson(body as Buffer, done));
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type.endsWith('+json')) return parseJson(body as Buffer, done);
    if (type === '' || type.startsWith('text/') || PLAINTEXT_TYPES.includes(type)) return done(null, { kind: 'plaintext', bytes: body as Buffer });
    done(new BadRequestError(`unsupported content type "${type}": send carbon plaintext lines as text/plain, or a JSON array as application/json`, 415));
  });

  app.post('/ingest', { config: { errorBody: 'json' } }, async (req): Promise<IngestReport> => {
    if (ingest === null) throw new BackendUnavailableError('storage engine', 'none is wired to accept points');
    const body = (req.body ?? { kind: 'plaintext', bytes: Buffer.alloc(0) }) as IngestBody;
    if (body.kind === 'json' && !Array.isArray(body.value)) throw new BadRequestError('JSON body must be an array of {"path", "value", "timestamp"} objects');
    try {
      return body.kind === 'plaintext' ? ingest.plaintext(body.bytes, req.ip) : ingest.json(body.value as unknown[], req.ip);
    } catch (err) {
      throw new BackendUnavailableError('storage engine', `points not stored: ${(err as Error).message}`, { cause: err });
    }
  });
};

function parseJson(bytes: Buffer, done: (err: Error | null, body?: IngestBody) => void): void {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    return done(new BadRequestError(`body is not valid JSON: ${(err as Error).message}`));
  }
  done(null, { kind: 'json', value });
}
