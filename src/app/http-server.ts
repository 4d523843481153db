import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import type { Config } from '../config/schema.js';
import { AdmissionGate } from '../lib/admission.js';
import { admission, ADMISSION_KINDS, type AdmissionKind } from '../routes/server/admission.js';
import type { Stats } from '../lib/stats.js';
import { compression } from '../routes/server/compression.js';
import { crossOriginRequests } from '../routes/server/cors.js';
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

export interface HttpServer {
  readonly http: FastifyInstance;
  /** every route registered, as the OpenAPI document lists them (no HEAD twins, no hidden routes) */
  readonly routes: ReadonlyArray<{ method: string; url: string }>;
  /** the bounds on requests in flight, per kind (limits.concurrency) */
  readonly gates: Readonly<Record<AdmissionKind, AdmissionGate>>;
}

/**
 * The Fastify instance with what every route shares (src/routes/server/): the one error and
 * not-found handler, form bodies, request stats and log, CORS, compression, the OpenAPI
 * document. The routes are registered on it afterwards, each a plugin with its options.
 */
export async function createHttpServer({ config, logger, stats }: HttpServerOptions): Promise<HttpServer> {
  const http = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: config.limits.ingest.maxHttpBodyBytes,
    // Fastify's own two lines per request are replaced by one (requestLog)
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
    // the schemas give a parameter sent once or repeated as `type: ['string', 'array']`
    ajv: { customOptions: { allowUnionTypes: true } },
  });
  const routes: Array<{ method: string; url: string }> = [];
  http.addHook('onRoute', (r) => {
    if (r.schema?.hide) return;
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });
  const { compression: gzip, cors } = config.http;
  await http.register(errorHandling);
  const gates = admissionGates(config);
  await http.register(admission, { gates, stats });
  await http.register(formBody, { bodyLimit: config.limits.ingest.maxHttpBodyBytes });
  await http.register(requestStats, { stats });
  if (config.http.requestLog) await http.register(requestLog);
  if (cors.origins.length > 0) await http.register(crossOriginRequests, { origins: cors.origins, credentials: cors.credentials });
  if (gzip.enabled) await http.register(compression, { threshold: gzip.threshold, level: gzip.level });
  // before the routes: it collects their schemas as they are added
  await http.register(openApi);
  return { http, routes, gates };
}

function admissionGates(config: Config): Record<AdmissionKind, AdmissionGate> {
  const { retryAfterSeconds, ...kinds } = config.limits.concurrency;
  const gate = (kind: AdmissionKind) => new AdmissionGate(kind, { ...kinds[kind], retryAfterSeconds }, kind);
  return Object.fromEntries(ADMISSION_KINDS.map((kind) => [kind, gate(kind)])) as Record<AdmissionKind, AdmissionGate>;
}
