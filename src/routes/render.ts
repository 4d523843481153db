import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Clock } from '../lib/clock.js';
import { Params } from './params.js';
import { InputError } from '../render/function-types.js';
import { parseRenderOptions, type RenderOptions } from '../render/options.js';
import type { Evaluator } from '../render/evaluator/evaluator.js';
import { RenderLimitError } from '../render/evaluator/errors.js';
import { BackendUnavailableError } from '../lib/service-errors.js';
import { renderOutput } from '../render/formats/index.js';
import { renderImage } from '../render/formats/image.js';

const gzipAsync = promisify(gzip);
/** smaller answers are not worth compressing; level 1 because render answers are large and time matters more than bytes */
const GZIP_MIN_BYTES = 4096;

export interface RenderRouteDeps {
  readonly evaluator: Evaluator;
  readonly clock: Clock;
  /** zone for absolute times and csv when the request names none (graphite-web's TIME_ZONE) */
  readonly defaultZone?: string;
}

/**
 * `GET|POST /render`: graphite-web's render API. User mistakes answer 400 text/plain
 * `Invalid parameters (...)` as graphite-web 1.1 does; a request past a cap answers 422 naming it.
 */
export function renderRoutes(deps: RenderRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      const params = Params.fromRequest(req);
      let opts: RenderOptions;
      try {
        opts = parseRenderOptions(params, deps.clock.nowSeconds(), deps.defaultZone);
      } catch (err) {
        return sendError(reply, req, err, []);
      }
      try {
        const evaluate = (targets: string[]) => deps.evaluator.evaluate(targets, opts.context);
        const out = opts.graph
          ? await renderImage(opts.graph, opts.targets, opts.context.tz, evaluate)
          : renderOutput(await evaluate(opts.targets), { ...opts, tz: opts.context.tz });
        reply.type(out.contentType);
        reply.header('cache-control', opts.noCache ? 'no-cache' : `max-age=${opts.cacheTimeout}`);
        reply.header('vary', 'Accept-Encoding');
        if (out.body.length >= GZIP_MIN_BYTES && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
          reply.header('content-encoding', 'gzip');
          return reply.send(await gzipAsync(out.body, { level: 1 }));
        }
        return reply.send(out.body);
      } catch (err) {
        return sendError(reply, req, err, opts.targets);
      }
    };
    app.get('/render', handler);
    app.post('/render', handler);
  };
}

function sendError(reply: FastifyReply, req: FastifyRequest, err: unknown, targets: readonly string[]) {
  reply.type('text/plain; charset=utf-8');
  if (err instanceof InputError) {
    const where = targets.length > 0 ? `; targets: "${targets.join(', ')}"` : '';
    return reply.code(400).send(`Invalid parameters (${err.message})${where}`);
  }
  if (err instanceof RenderLimitError) return reply.code(err.status).send(`${err.message}\n`);
  if (err instanceof BackendUnavailableError) {
    req.log.warn({ backend: err.backend, reason: err.message }, 'render answered 503: a backend is unavailable');
    return reply.code(503).send(`${err.message}\n`);
  }
  req.log.error({ err }, 'render failed');
  return reply.code(500).send(`Internal error while rendering: ${(err as Error)?.message ?? String(err)}\n`);
}
