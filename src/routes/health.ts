import type { FastifyPluginAsync } from 'fastify';

/** A part of the server that can say whether it is well, and a few figures about itself. */
export interface HealthCheck {
  readonly name: string;
  check(): Promise<{ ok: boolean; detail?: Record<string, unknown> }>;
}

export interface HealthRouteOptions {
  readonly checks: readonly HealthCheck[];
  /** when the server started, for the uptime (ms since the epoch) */
  readonly startedAtMs: number;
}

/** `GET /health`: 200 with every check's figures when all are ok, 503 otherwise. */
export const healthRoutes: FastifyPluginAsync<HealthRouteOptions> = async (app, { checks, startedAtMs }) => {
  app.get('/health', async (_req, reply) => {
    const results: Record<string, unknown> = {};
    let ok = true;
    for (const c of checks) {
      try {
        const r = await c.check();
        ok &&= r.ok;
        results[c.name] = { ok: r.ok, ...r.detail };
      } catch (err) {
        ok = false;
        results[c.name] = { ok: false, error: (err as Error).message };
      }
    }
    reply.code(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unhealthy', uptimeSeconds: Math.round((Date.now() - startedAtMs) / 1000), checks: results };
  });
};
