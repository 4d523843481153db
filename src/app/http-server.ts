import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import type { Config } from '../config/schema.js';
import type { Stats } from '../lib/stats.js';
import { compression } from '../routes/server/compression.js';
import { errorHandling } from '../routes/server/error-handling.js';
import { formBody } from '../routes/server/form-body.js';
import { openApi } from '../routes/server/openapi.js';
import { requestLog } from '../routes/server/request-log.js';
import { requestStats } from '../routes/server/request-stats.js';

export interface HttpServerOptions {
  readonly config: Config;
  /** Fastify's logger option; pino at config.logLevel by default */
  readonly logger?: FastifyServerOptions['logger'];
  readonly stats: Stats;
}

/**
 * The Fastify instance with what every route shares: body parsing, the one error and not-found
 * handler, request stats, the OpenAPI document. Routes are registered on it afterwards, each a plugin with its
 * options (src/routes/*).
 */
export interface HttpServer {
  readonly http: FastifyInstance;
  /** every route registered (HEAD ones aside), as they are added */
  readonly routes: ReadonlyArray<{ method: string; url: string }>;
}

export async function createHttpServer({ config, logger, stats }: HttpServerOptions): Promise<HttpServer> {
  const http = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: config.limits.ingest.maxHttpBodyBytes,
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
    // the schemas give a parameter sent once or repeated as `type: ['string', 'array']`
    ajv: { customOptions: { allowUnionTypes: true } },
  });
  const routes: Array<{ method: string; url: string }> = [];
  http.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });
  await http.register(errorHandling);
  await http.register(formBody, { bodyLimit: config.limits.ingest.maxHttpBodyBytes });
  await http.register(requestStats, { stats });
  if (config.http.requestLog) await http.register(requestLog);
  const { compression: gzip } = config.http;
  if (gzip.enabled) await http.register(compression, { threshold: gzip.threshold, level: gzip.level });
  // before the routes: it collects their schemas as they are added
  await http.register(openApi);
  return { http, routes };
}
