import type { FastifyPluginAsync } from 'fastify';
import type { Stats } from '../lib/stats.js';
import { text } from './schema/answers.js';

const NAMESPACE = 'carbyne_';

function metricName(name: string): string {
  return NAMESPACE + name.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** The stats registry in Prometheus' text exposition format (0.0.4). */
export function prometheusText(stats: Stats): string {
  const lines: string[] = [];
  // timers are peeked, not drained: the self-metrics report owns their intervals
  for (const f of stats.collect(false)) {
    const name = f.kind === 'counter' ? `${metricName(f.name)}_total` : metricName(f.name);
    lines.push(`# TYPE ${name} ${f.kind === 'counter' ? 'counter' : 'gauge'}`);
    lines.push(`${name} ${Number.isFinite(f.value) ? f.value : f.value > 0 ? '+Inf' : f.value < 0 ? '-Inf' : 'NaN'}`);
  }
  return lines.join('\n') + '\n';
}

export interface PrometheusRouteOptions {
  readonly stats: Stats;
}

const PROMETHEUS_SCHEMA = {
  tags: ['carbyne'],
  summary: "The server's own counters, gauges and timers in Prometheus' text format.",
  description:
    'The same figures self-metrics writes as Graphite series under `selfMetrics.prefix` (points accepted, series, hot bytes, write-ahead log bytes, flushes, request latencies...). Not under /metrics, which is graphite\'s find API.',
  response: { 200: { description: "Prometheus' text exposition format 0.0.4", content: { 'text/plain': { schema: text('`# HELP`, `# TYPE` and sample lines') } } } },
} as const;

/** `GET /prometheus/metrics` (not under /metrics, which is graphite's find API). */
export const prometheusRoutes: FastifyPluginAsync<PrometheusRouteOptions> = async (app, { stats }) => {
  app.get('/prometheus/metrics', { schema: PROMETHEUS_SCHEMA }, async (_req, reply) => {
    reply.type('text/plain; version=0.0.4; charset=utf-8');
    return prometheusText(stats);
  });
};
