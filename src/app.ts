import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from './config/schema.js';
import { type Clock, systemClock } from './lib/clock.js';
import { parseListenAddress } from './lib/listen-address.js';
import { versionRoutes } from './routes/version.js';
import { healthRoutes, type HealthCheck } from './routes/health.js';
import { prometheusRoutes } from './routes/prometheus.js';
import { StorageRules } from './config/storage-rules.js';
import { findRoutes } from './routes/find/routes.js';
import { retentionIntervals } from './routes/find/retention-intervals.js';
import { renderRoutes } from './routes/render.js';
import { Evaluator } from './render/evaluator/evaluator.js';
import { functionMap } from './render/function-map.js';
import type { AnyRenderFunction } from './render/function-types.js';
import type { MetricIndex } from './finders/metric-index.js';
import type { SeriesReader } from './readers/series-reader.js';
import { ingestRoutes } from './routes/ingest.js';
import { Stats } from './lib/stats.js';
import { ValuePool } from './lib/value-pool.js';
import type { Service } from './lib/service.js';
import { openBackends } from './app/backends.js';
import { backendsHealth } from './app/backends-health.js';
import type { TagIndex } from './finders/tag-index.js';
import { createStorageService, type StorageService } from './app/storage-service.js';
import { SelfMetrics, selfMetricsPrefix } from './app/self-metrics.js';
import { HttpIngest } from './ingest/http-ingest.js';
import type { PointWriter } from './engine/point-writer.js';
import { type IngestListeners, ingestListeners } from './ingest/services.js';
import { functionRoutes } from './routes/functions.js';
import { createHttpServer } from './app/http-server.js';
import { seriesRoutes } from './routes/series.js';
import { tagRoutes } from './routes/tags/routes.js';
import { SeriesDeletion } from './engine/removal/series-deletion.js';
import { RENDER_FUNCTIONS } from './render/functions/index.js';
import { eventRoutes } from './routes/events/routes.js';
import { importRoutes } from './routes/import.js';
import { eventTimes } from './app/event-times.js';
import { createCluster, latePersistPolicy, localParts } from './app/cluster-service.js';
import { LocalNode } from './cluster/local-node.js';
import type { Cluster } from './cluster/cluster.js';
import { clusterRoutes } from './routes/cluster.js';
import { clusterReadScope } from './routes/cluster-scope.js';

export interface AppOptions {
  config: Config;
  /** pinned in tests so data ages as it did when golden fixtures were captured */
  clock?: Clock;
  /** Fastify's logger option; defaults to pino at config.logLevel */
  logger?: FastifyServerOptions['logger'];
  /** where /render finds and reads series (the backends chosen from the config when absent) */
  metricIndex?: MetricIndex;
  tagIndex?: TagIndex;
  seriesReader?: SeriesReader;
  /** the render functions /render calls and /functions lists (all of src/render/functions when absent) */
  renderFunctions?: readonly AnyRenderFunction[];
  /**
   * Where the listeners and POST /ingest hand points; the app's storage engine by default
   * (tests of the protocols put a recorder here).
   */
  pointWriter?: PointWriter;
  /** the server's counters; a fresh registry by default */
  stats?: Stats;
  /** where renders borrow their memory (buckets, chunk copies, answers); a fresh pool by default */
  valuePool?: ValuePool;
}

export type { Service } from './lib/service.js';

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
    /** this node's place among others (docs/cluster.md); undefined when it runs alone */
    readonly cluster: Cluster | undefined,
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

    // the backends (src/app/backends.ts) close last; services stop in reverse order:
    // listeners, then the storage (which flushes), then the backends
    const backends = await openBackends(config, { logger: http.log, stats, clock });
    services.push({ name: 'backends', stop: () => backends.close() });
    const index = opts.metricIndex ?? backends.index;
    const tagIndex = opts.tagIndex ?? (opts.metricIndex ? undefined : backends.tagIndex);
    const rules = StorageRules.fromConfig(config);

    const persistPolicy = latePersistPolicy(config);
    const storage = createStorageService(config, { clock, logger: http.log, stats, store: backends.store, registry: backends.registry, index, indexIsShared: backends.indexIsShared, persistPolicy, writer: backends.writer });
    services.push({ name: 'storage', start: () => storage.start(), stop: () => storage.stop() });
    checks.push({ name: 'storage', check: async () => storage.health() });
    checks.push({ name: 'backends', check: async () => backendsHealth(config, backends.health()) });

    // in a cluster: reads over every node, points forwarded to their owners (docs/cluster.md);
    // it stops after the listeners (its forwarded points drain) and before the engine flushes
    const cluster = createCluster(config, { storage, index, tagIndex, indexIsShared: backends.indexIsShared, clock, stats, logger: http.log, persistPolicy });
    if (cluster) services.push({ name: 'cluster', start: async () => cluster.start(), stop: () => cluster.stop() });
    const pointWriter = cluster?.writer ?? storage.engine;

    if (config.selfMetrics.enabled) {
      const self = new SelfMetrics(stats, pointWriter, clock, selfMetricsPrefix(config.selfMetrics.prefix), config.selfMetrics.intervalSeconds, http.log);
      services.push({ name: 'self-metrics', start: async () => self.start(), stop: async () => self.stop() });
    }

    // listeners come after the engine among the services, so they stop before it flushes
    const writer = opts.pointWriter ?? pointWriter;
    const ingestDeps = { writer, stats, log: http.log };
    const ingest = ingestListeners(config, ingestDeps);
    for (const listener of Object.values(ingest)) services.push(listener);

    if (cluster) await http.register(clusterReadScope, { strictReads: config.cluster.strictReads, renderTimeoutMs: config.limits.render.timeoutMs, findTimeoutMs: config.limits.find.timeoutMs, stats });
    await http.register(versionRoutes);
    await http.register(healthRoutes, { checks, startedAtMs: clock.nowMs() });
    await http.register(prometheusRoutes, { stats });
    const readIndex = opts.metricIndex ?? cluster?.index ?? index;
    // a remote index that does not answer in time is a 503 naming it (the embedded one's time is the request's own work)
    const remoteIndex = opts.metricIndex === undefined && !cluster && config.index.backend !== 'lmdb' ? config.index.backend : undefined;
    await http.register(findRoutes, { index: readIndex, limits: { ...config.limits.find, ...(remoteIndex ? { backend: remoteIndex } : {}) }, clock, intervals: retentionIntervals(rules) });
    const renderFunctions = opts.renderFunctions ?? RENDER_FUNCTIONS;
    const evaluator = new Evaluator({
      index: readIndex,
      tagIndex: opts.tagIndex ?? (opts.metricIndex ? undefined : (cluster?.tagIndex ?? tagIndex)),
      reader: opts.seriesReader ?? cluster?.reader ?? storage.reader,
      functions: functionMap(renderFunctions),
      limits: config.limits.render,
      backendNames: { index: remoteIndex, store: opts.seriesReader === undefined && !cluster && config.store.backend !== 'lmdb' ? config.store.backend : undefined },
      events: eventTimes(backends.events, config.limits.events.maxResults),
      tagLimits: config.limits.tags,
    });
    const valuePool = opts.valuePool ?? new ValuePool();
    stats.gauge('render.value_pool_bytes', () => valuePool.bytes);
    await http.register(renderRoutes, { evaluator, clock, timeoutMs: config.limits.render.timeoutMs, valuePool });
    await http.register(ingestRoutes, { ingest: new HttpIngest(ingestDeps, config.limits.ingest.maxLineBytes, config.wal.syncBeforeAck) });
    await http.register(functionRoutes, { functions: renderFunctions });
    const localNode = cluster?.localNode ?? new LocalNode(localParts({ storage, index, tagIndex }));
    await http.register(clusterRoutes, { cluster, localNode, bodyLimit: config.limits.ingest.maxHttpBodyBytes });
    await http.register(seriesRoutes, { deletion: new SeriesDeletion(index, storage.engine, config.limits.find.maxNodes) });
    await http.register(eventRoutes, { events: backends.events, clock, limits: config.limits.events });
    await http.register(importRoutes, { importSeries: (list) => storage.engine.importSeries(list), clock, maxFileBytes: config.limits.import.maxFileBytes });
    if (tagIndex) await http.register(tagRoutes, { tags: cluster?.tagIndex ?? tagIndex, index: readIndex, remover: storage.engine, limits: config.limits.tags });
    return new CarbyneApp(config, clock, http, services, routes, index, stats, storage, ingest, cluster);
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
    const took: Record<string, number> = {};
    let t0 = performance.now();
    await this.http.close();
    took.http = Math.round(performance.now() - t0);
    for (const s of [...this.services].reverse()) {
      t0 = performance.now();
      try {
        await s.stop();
      } catch (err) {
        this.http.log.error({ err, service: s.name }, 'error while stopping');
      }
      took[s.name] = Math.round(performance.now() - t0);
    }
    this.http.log.info({ ms: took }, 'stopped');
  }
}
