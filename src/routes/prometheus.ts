import type { FastifyPluginAsync } from 'fastify';
import type { Stats } from '../lib/stats.js';
import { text } from './schema/answers.js';

const PROMETHEUS_SCHEMA = {
  tags: ['carbyne'],
  summary: "The server's own figures in Prometheus' text format.",
  description:
    "The figures self-metrics writes as Graphite series under `selfMetrics.prefix` (points accepted, series, hot bytes, write-ahead log bytes, flushes, request latencies...): counters (`_total`), gauges, and timers as histograms in seconds, each with HELP and TYPE; per-route and per-protocol figures as one family with a label; and prom-client's process and Node.js metrics. Not under /metrics, which is graphite's find API.",
  response: { 200: { description: "Prometheus' text exposition format 0.0.4", content: { 'text/plain': { schema: text('`# HELP`, `# TYPE` and sample lines', '# HELP carbyne_engine_points_accepted_total Points the storage engine accepted (every protocol).\n# TYPE carbyne_engine_points_accepted_total counter\ncarbyne_engine_points_accepted_total 1024\n') } } } },
} as const;

export interface PrometheusRouteOptions {
  readonly stats: Stats;
}

/** `GET /prometheus/metrics` (not under /metrics, which is graphite's find API). */
export const prometheusRoutes: FastifyPluginAsync<PrometheusRouteOptions> = async (app, { stats }) => {
  const figures = stats.prometheus.withDefaultMetrics();
  app.get('/prometheus/metrics', { schema: PROMETHEUS_SCHEMA }, async (_req, reply) => {
    reply.type(figures.registry.contentType);
    return figures.text();
  });
};
