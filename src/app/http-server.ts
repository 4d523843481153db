import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import type { Config } from '../config/schema.js';
import type { Stats } from '../lib/stats.js';
import { errorHandling } from '../routes/server/error-handling.js';
import { formBody } from '../routes/server/form-body.js';
import { requestStats } from '../routes/server/request-stats.js';

export interface HttpServerOptions {
  readonly config: Config;
  /** Fastify's logger option; pino at config.logLevel by default */
  readonly logger?: FastifyServerOptions['logger'];
  readonly stats: Stats;
}

/**
 * The Fastify instance with what every route shares: body parsing, the one error and not-found
 * handler, request stats. Routes are registered on it afterwards, each a plugin with its
 * options (src/routes/*).
 */
export async function createHttpServer({ config, logger, stats }: HttpServerOptions): Promise<FastifyInstance> {
  const http = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: config.limits.ingest.maxHttpBodyBytes,
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
  });
  await http.register(errorHandling);
  await http.register(formBody, { bodyLimit: config.limits.ingest.maxHttpBodyBytes });
  await http.register(requestStats, { stats });
  return http;
}
