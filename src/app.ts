import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from './config/schema.js';
import { type Clock, systemClock } from './lib/clock.js';
import { parseListenAddress } from './lib/listen-address.js';
import { versionRoutes } from './routes/version.js';
import { healthRoutes, type HealthCheck } from './routes/health.js';
import { prometheusRoutes } from './routes/prometheus.js';
import { createMetricIndex } from './finders/create.js';
import { StorageRules } from './config/storage-rules.js';
import { findRoutes } from './routes/find/routes.js';
import { retentionIntervals } from './routes/find/retention-intervals.js';
import { renderRoutes } from './routes/render.js';
import { Evaluator } from './render/evaluator/evaluator.js';
import { functionMap } from './render/function-map.js';
import type { RenderFunction } from './render/function-types.js';
import type { MetricIndex } from './finders/metric-index.js';
import type { SeriesReader } from './readers/series-reader.js';
import type { MetricName } from './series/types.js';
import { ingestRoutes } from './routes/ingest.js';
import { Stats } from './lib/stats.js';
import { openLmdbEnvironment } from './stores/lmdb/environment.js';
import { createStorageService, type StorageService } from './ingest/storage-engine.js';
import { SelfMetrics, selfMetricsPrefix } from './ingest/self-metrics.js';
import { HttpIngest } from './ingest/http-ingest.js';
import type { PointWriter } from './ingest/point-writer.js';
import { type IngestListeners, ingestListeners } from './ingest/services.js';
import { functionRoutes } from './routes/functions.js';
import { createHttpServer } from './app/http-server.js';
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
   * Where the listeners and POST /ingest hand points; the app's storage engine by default
   * (tests of the protocols put a recorder here).
   */
  pointWriter?: PointWriter;
  /** the server's counters; a fresh registry by default */
  stats?: Stats;
}

/** Registers names with the index in batches, yielding between them so start-up stays responsive. */
async function registerAll(index: MetricIndex, names: Iterable<MetricName>, stopped: () => boolean): Promise<void> {
  let batch: MetricName[] = [];
  for (const name of names) {
    if (stopped()) return;
    batch.push(name);
    if (batch.length === 10_000) {
      await index.register(batch);
      batch = [];
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (batch.length > 0 && !stopped()) await index.register(batch);
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
    readonly index: MetricIndex,
    /** the server's own counters, gauges and timers (self-metrics, /prometheus/metrics) */
    readonly stats: Stats,
    /** the storage engine: listeners write to `storage.engine`, render reads `storage.reader` */
    readonly storage: StorageService,
    private readonly ingest: IngestListeners,
  ) {}

  /** Where the protocol listeners hand points (call `commit()` once per batch). */
  get pointWriter(): PointWriter {
    return this.storage.engine;
  }

  /** How render and find read one stored series. */
  get seriesReader(): SeriesReader {
    return this.storage.reader;
  }

  static async create(opts: AppOptions): Promise<CarbyneApp> {
    const { config } = opts;
    const clock = opts.clock ?? systemClock;
    const stats = opts.stats ?? new Stats();
    const { http, routes } = await createHttpServer({ config, logger: opts.logger, stats });

    const services: Service[] = [];
    const checks: HealthCheck[] = [];

    // one LMDB environment per data directory: the chunk store, the series registry and the
    // metric index open their databases in it; it is closed last. Services stop in reverse
    // order: listeners, then the storage (which flushes), then the index, then the environment.
    const env = openLmdbEnvironment(config.dataDir);
    services.push({ name: 'lmdb', stop: () => env.close() });
    const index = opts.metricIndex ?? (await createMetricIndex(config, env, http.log, stats));
    if (!opts.metricIndex) services.push({ name: 'index', stop: () => index.close() });
    const rules = StorageRules.fromConfig(config);

    const storage = createStorageService(config, { clock, logger: http.log, stats, env });
    services.push({ name: 'storage', start: () => storage.start(), stop: () => storage.stop() });
    checks.push({ name: 'storage', check: async () => storage.health() });
    // the metric index sees every new series
    storage.engine.onNewSeries((metrics) => {
      index.register(metrics).catch((err) => http.log.error({ err, series: metrics.length }, 'metric index registration failed'));
    });
    // a crash may leave the series registry ahead of the index: once the engine is open, every
    // known series is registered again in the background (known names cost the index little)
    const sync = { stopped: false, done: Promise.resolve() };
    services.push({
      name: 'metric-index-sync',
      start: async () => {
        sync.done = registerAll(index, storage.engine.knownSeries(), () => sync.stopped).catch((err) => http.log.error({ err }, 'metric index sync failed'));
      },
      stop: async () => {
        sync.stopped = true;
        await sync.done;
      },
    });

    if (config.selfMetrics.enabled) {
      const self = new SelfMetrics(stats, storage.engine, clock, selfMetricsPrefix(config.selfMetrics.prefix), config.selfMetrics.intervalSeconds, http.log);
      services.push({ name: 'self-metrics', start: async () => self.start(), stop: async () => self.stop() });
    }

    // listeners come after the engine among the services, so they stop before it flushes
    const writer = opts.pointWriter ?? storage.engine;
    const ingestDeps = { writer, stats, log: http.log };
    const ingest = ingestListeners(config, ingestDeps);
    for (const listener of Object.values(ingest)) services.push(listener);

    await http.register(versionRoutes);
    await http.register(healthRoutes, { checks, startedAtMs: clock.nowMs() });
    await http.register(prometheusRoutes, { stats });
    await http.register(findRoutes, { index, limits: config.limits.find, clock, intervals: retentionIntervals(rules) });
    const renderFunctions = opts.renderFunctions ?? RENDER_FUNCTIONS;
    const evaluator = new Evaluator({
      index,
      reader: opts.seriesReader ?? storage.reader,
      functions: functionMap(renderFunctions),
      limits: config.limits.render,
    });
    await http.register(renderRoutes, { evaluator, clock });
    await http.register(ingestRoutes, { ingest: new HttpIngest(ingestDeps, config.limits.ingest.maxLineBytes) });
    await http.register(functionRoutes, { functions: renderFunctions });
    return new CarbyneApp(config, clock, http, services, routes, index, stats, storage, ingest);
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
