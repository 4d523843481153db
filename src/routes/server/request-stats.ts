import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Stats } from '../../lib/stats.js';

/** `/metrics/find` -> `metrics_find`, `/functions/:name` -> `functions_name`; unmatched -> `unmatched`. */
export function routeStatName(url: string | undefined): string {
  if (!url) return 'unmatched';
  const name = url.replace(/[:{}]/g, '').replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9]+/g, '_');
  return name === '' ? 'root' : name;
}

export interface RequestStatsOptions {
  readonly stats: Stats;
}

/**
 * Times every HTTP request by route (`http.<route>.ms`, a timer the self-metrics report as
 * count/mean/max/p50/p99) and counts answers by class (`http.<route>.2xx` …), so render and
 * find latencies can be graphed like carbon's own metrics.
 */
const requestStatsHook: FastifyPluginAsync<RequestStatsOptions> = async (app, { stats }) => {
  app.addHook('onResponse', async (req, reply) => {
    const route = routeStatName(req.routeOptions.url);
    stats.timer(`http.${route}.ms`).observe(reply.elapsedTime);
    stats.counter(`http.${route}.${Math.floor(reply.statusCode / 100)}xx`).inc();
  });
};

export const requestStats = fp(requestStatsHook, { name: 'carbyne-request-stats', fastify: '5.x' });
