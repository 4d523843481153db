import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpIngest } from '../ingest/http-ingest.js';

/** A body the route reads: carbon plaintext lines, or JSON text still to be parsed. */
type IngestBody = { kind: 'plaintext'; bytes: Buffer } | { kind: 'json'; bytes: Buffer };

const PLAINTEXT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream'];

/**
 * `POST /ingest`: carbon plaintext (text/plain; also curl's default form type and a missing
 * type, so `curl --data-binary @file` works), or JSON `[{"path","value","timestamp"}]`.
 * Answers `{accepted, rejected, errors}` once the points are committed. `ingest` is null when
 * no storage engine is wired: then 503.
 */
export function ingestRoutes(ingest: HttpIngest | null) {
  return async (app: FastifyInstance): Promise<void> => {
    // this plugin's own body parsing: raw bytes, so lines go to the byte parser untouched
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, { kind: 'json', bytes: body as Buffer }));
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => {
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type.endsWith('+json')) return done(null, { kind: 'json', bytes: body as Buffer });
      if (type === '' || type.startsWith('text/') || PLAINTEXT_TYPES.includes(type)) return done(null, { kind: 'plaintext', bytes: body as Buffer });
      done(Object.assign(new Error(`unsupported content type "${type}": send carbon plaintext lines as text/plain, or a JSON array as application/json`), { statusCode: 415 }));
    });
    app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status === 500) reply.log.error({ err }, 'ingest failed');
      reply.code(status).send({ error: status === 413 ? `body larger than the limit (limits.ingest.maxHttpBodyBytes)` : err.message });
    });

    app.post('/ingest', async (req: FastifyRequest, reply: FastifyReply) => {
      if (ingest === null) return reply.code(503).send({ error: 'no storage engine is wired to accept points' });
      const body = (req.body ?? { kind: 'plaintext', bytes: Buffer.alloc(0) }) as IngestBody;
      const source = req.ip;
      try {
        if (body.kind === 'plaintext') return await ingest.plaintext(body.bytes, source);
        let items: unknown;
        try {
          items = JSON.parse(body.bytes.toString('utf8'));
        } catch (err) {
          return reply.code(400).send({ error: `body is not valid JSON: ${(err as Error).message}` });
        }
        if (!Array.isArray(items)) return reply.code(400).send({ error: 'JSON body must be an array of {"path", "value", "timestamp"} objects' });
        return await ingest.json(items, source);
      } catch (err) {
        req.log.error({ err }, 'ingest: storage failed');
        return reply.code(503).send({ error: `points not stored: ${(err as Error).message}` });
      }
    });
  };
}
