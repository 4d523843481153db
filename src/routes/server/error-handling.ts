import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Params } from '../params.js';
import { errorAnswer, type ErrorBody } from './error-answer.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** how this route writes its error answers: graphite-web's texts (default) or `{"error": ...}` */
    errorBody?: ErrorBody;
    /** the setting of this route's own body limit, which its 413 names (limits.ingest.maxHttpBodyBytes by default) */
    bodyLimitSetting?: string;
  }
  interface FastifyRequest {
    /** a render request's targets once read: a 400 names them, as graphite-web's does */
    targets: readonly string[] | null;
  }
}

/**
 * The app's one error handler and one not-found handler. Routes throw (or reject with) the
 * project's error types and never write an error answer themselves; errorAnswer chooses the
 * status and the text. An unexpected error is logged here, once, on the request's logger
 * (which carries its id), and the client is told only the id.
 */
const errorHandlers: FastifyPluginAsync = async (app) => {
  app.decorateRequest('targets', null);

  app.setErrorHandler((err, req, reply) => {
    const config = req.routeOptions.config;
    const body = config?.errorBody ?? 'text';
    const pretty = body === 'graphite-json' && (Params.fromRequest(req).get('pretty') ?? '') !== '';
    const answer = errorAnswer(err, { body, targets: req.targets, requestId: req.id, bodyLimitSetting: config?.bodyLimitSetting, pretty });
    if (answer.unexpected) req.log.error({ err }, `unexpected error answering ${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`);
    return send(reply, answer.status, answer.contentType, answer.body, answer.headers);
  });

  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0];
    return send(reply, 404, 'text/plain; charset=utf-8', Buffer.from(`Not found: ${req.method} ${path}\n`), {});
  });
};

function send(reply: FastifyReply, status: number, type: string, body: Buffer, headers: Readonly<Record<string, string>>): FastifyReply {
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  // a Buffer, so that Fastify adds nothing to the type
  return reply.code(status).type(type).send(body);
}

/** Applies to the whole app (fastify-plugin: not encapsulated), so register it before the routes. */
export const errorHandling = fp(errorHandlers, { name: 'carbyne-error-handling', fastify: '5.x' });
