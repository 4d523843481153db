import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config/schema.js';
import { type Clock, systemClock } from './lib/clock.js';
import { parseListenAddress } from './lib/listen-address.js';
import { registerFormBody } from './routes/params.js';
import { versionRoutes } from './routes/version.js';
import { healthRoutes, type HealthCheck } from './routes/health.js';
import { renderRoutes } from './routes/render.js';
import { Evaluator } from './render/evaluator/evaluator.js';
import { functionMap } from './render/function-map.js';
import type { RenderFunction } from './render/function-types.js';
import type { MetricIndex } from './finders/metric-index.js';
import type { SeriesReader } from './readers/series-reader.js';
import { emptyIndex, emptyReader } from './render/no-data.js';
import { ingestRoutes } from './routes/ingest.js';
import { HttpIngest } from './ingest/http-ingest.js';
import type { PointWriter } from './ingest/point-writer.js';
import { type IngestListeners, ingestListeners } from './ingest/services.js';
import { Stats } from './lib/stats.js';
import { functionRoutes } from './routes/functions.js';
import { RENDER_FUNCTIONS } from './render/functions/index.js';

export interface AppOptions {
  config: Config;
  /** pinned in tests so data ages as it did when golden fixtures were captured */
  clock?: Clock;
  /** Fastify's logger option; defaults to pino at config.logLevel */
  logger?: FastifyServerOptions['logger'];
  /** where /render finds and reads series (the backends chosen from the config when absent) */
  metricIndex?: MetricIndex;
  seriesReader?: SeriesReader;
  /** the render functions /render calls and /functions lists (all of src/render/functions when absent) */
  renderFunctions?: readonly RenderFunction[];
  /**
   * Where ingested points go (the storage engine). Without one, the carbon listeners are not
   * started and POST /ingest answers 503.
   */
  pointWriter?: PointWriter;
  /** the server's counters; a fresh registry by default */
  stats?: Stats;
}

/** Something the app starts after building and stops, in reverse order, on close. */
export interface Service {
  readonly name: string;
  start?(): Promise<void>;
  stop(): Promise<void>;
}

export interface ListeningAddresses {
  http: string;
  /** carbon plaintext TCP, UDP and pickle, `host:port`, when they run */
  carbon?: string;
  carbonUdp?: string;
  pickle?: string;
}

/**
 * The composition root: the one place that reads the configuration, chooses the backends
 * and wires the parts together. Everything else sees only interfaces.
 */
export class CarbyneApp {
  private closed = false;

  private constructor(
    readonly config: Config,
    readonly clock: Clock,
    readonly http: FastifyInstance,
    private readonly services: Service[],
    /** every route registered, for the check that openapi.yaml describes them all */
    readonly routes: ReadonlyArray<{ method: string; url: string }>,
    readonly stats: Stats,
    private readonly ingest: IngestListeners,
  ) {}

  static async create(opts: AppOptions): Promise<CarbyneApp> {
    const { config } = opts;
    const clock = opts.clock ?? systemClock;
    const http = Fastify({
      logger: opts.logger ?? { level: config.logLevel },
      bodyLimit: config.limits.ingest.maxHttpBodyBytes,
      disableRequestLogging: true,
      routerOptions: { ignoreTrailingSlash: true },
    });
    registerFormBody(http, config.limits.ingest.maxHttpBodyBytes);
    const routes: Array<{ method: string; url: string }> = [];
    http.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
    });

    const services: Service[] = [];
    const checks: HealthCheck[] = [];

    const stats = opts.stats ?? new Stats();
    // listeners come after the engine among the services, so they stop before it flushes
    const writer = opts.pointWriter ?? null;
    const ingestDeps = writer ? { writer, stats, log: http.log } : null;
    const ingest = ingestDeps ? ingestListeners(config, ingestDeps) : {};
    if (!ingestDeps) http.log.warn('no storage engine wired: carbon listeners not started, POST /ingest answers 503');
    for (const listener of Object.values(ingest)) services.push(listener);

    await http.register(versionRoutes);
    await http.register(healthRoutes(checks, clock.nowMs()));
    const renderFunctions = opts.renderFunctions ?? RENDER_FUNCTIONS;
    const evaluator = new Evaluator({
      index: opts.metricIndex ?? emptyIndex,
      reader: opts.seriesReader ?? emptyReader,
      functions: functionMap(renderFunctions),
      limits: config.limits.render,
    });
    await http.register(renderRoutes({ evaluator, clock }));
    await http.register(ingestRoutes(ingestDeps ? new HttpIngest(ingestDeps, config.limits.ingest.maxLineBytes) : null));
    await http.register(functionRoutes(renderFunctions));
    return new CarbyneApp(config, clock, http, services, routes, stats, ingest);
  }

  /** Starts every service and binds the HTTP port. */
  async listen(): Promise<ListeningAddresses> {
    for (const s of this.services) await s.start?.();
    const { host, port } = parseListenAddress(this.config.http.listen);
    const http = await this.http.listen({ host, port });
    return { http, carbon: this.ingest.carbonTcp?.address(), carbonUdp: this.ingest.carbonUdp?.address(), pickle: this.ingest.pickle?.address() };
  }

  /** Stops accepting input, flushes everything to the store and releases every resource. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.http.close();
    for (const s of [...this.services].reverse()) {
      try {
        await s.stop();
      } catch (err) {
        this.http.log.error({ err, service: s.name }, 'error while stopping');
      }
    }
  }
}
