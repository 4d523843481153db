import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../lib/clock.js';
import { addVary } from './graphite-response.js';
import { Params } from './params.js';
import { parseRenderOptions } from '../render/options.js';
import type { Evaluator } from '../render/evaluator/evaluator.js';
import { renderOutputSliced } from '../render/formats/index.js';
import { RenderWork } from '../render/evaluator/render-work.js';
import { ValuePool } from '../lib/value-pool.js';
import { clientGone } from './client-gone.js';
import { renderImage } from '../render/formats/image.js';
import { loadDefaultFont } from '../render/graph/index.js';
import { RENDER_SCHEMA, RENDER_SHARED_SCHEMAS } from './render-schema.js';
import { addSharedSchemas } from './schema/shared.js';

export interface RenderRouteOptions {
  readonly evaluator: Evaluator;
  readonly clock: Clock;
  /** zone for absolute times and csv when the request names none (graphite-web's TIME_ZONE) */
  readonly defaultZone?: string;
  /** limits.render.timeoutMs: past it the render stops and answers its limit error */
  readonly timeoutMs: number;
  /** where renders borrow their memory: buckets, chunk copies, answers (one pool per app by default) */
  readonly valuePool?: ValuePool;
}

/**
 * `GET|POST /render`: graphite-web's render API. User mistakes answer 400 text/plain
 * `Invalid parameters (...)` as graphite-web 1.1 does; a request past a cap answers 422 naming
 * it (the app's error handler writes both).
 */
export const renderRoutes: FastifyPluginAsync<RenderRouteOptions> = async (app, deps) => {
  // before the server answers: parsing a font in a request would hold the loop
  loadDefaultFont();
  const pool = deps.valuePool ?? new ValuePool();
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const opts = parseRenderOptions(Params.fromRequest(req), deps.clock.nowSeconds(), deps.defaultZone);
    // from here on a bad target's 400 names the targets
    req.targets = opts.targets;
    // sliced so that other requests share the event loop; called off past the time limit or when the client leaves
    const work = new RenderWork(deps.timeoutMs, clientGone(reply), pool);
    const buffers = work.buffers;
    let out;
    try {
      const evaluate = (targets: string[]) => deps.evaluator.evaluate(targets, opts.context, work.slicer, { buffers });
      // json's maxDataPoints may consolidate the series as they are read (EvaluateOptions)
      const consolidateTo = opts.format === 'json' ? opts.maxDataPoints : undefined;
      out = opts.graph
        ? await renderImage(opts.graph, opts.targets, opts.context.tz, evaluate, work.slicer)
        : await renderOutputSliced(await deps.evaluator.evaluate(opts.targets, opts.context, work.slicer, { consolidateTo, buffers }), { ...opts, tz: opts.context.tz, bytes: work.answerBytes }, work.slicer);
      // the answer is bytes now: nothing refers to the series' values any more
      work.answered();
      // the socket writes from the answer's bytes until the response finishes
      reply.raw.once('finish', () => work.sent());
    } finally {
      work.end();
    }
    reply.type(out.contentType);
    reply.header('cache-control', opts.noCache ? 'no-cache' : `max-age=${opts.cacheTimeout}`);
    // gzipped or not as the client asks, so caches keep both
    addVary(reply, 'accept-encoding');
    return reply.send(out.body);
  };
  addSharedSchemas(app, RENDER_SHARED_SCHEMAS);
  // render answers are large: gzipped in one call (http.compression)
  const config = { gzipWhole: true, admission: 'render' as const };
  app.get('/render', { schema: RENDER_SCHEMA.get, config }, handler);
  app.post('/render', { schema: RENDER_SCHEMA.post, config }, handler);
};
