import type { FastifyPluginAsync } from 'fastify';
import { addSharedSchemas, ref, shared } from './schema/shared.js';

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

const HEALTH = shared('Health', {
  type: 'object',
  required: ['status', 'uptimeSeconds', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ok', 'unhealthy'] },
    uptimeSeconds: { type: 'integer' },
    checks: {
      type: 'object',
      description: "each part's state and figures, by name",
      additionalProperties: {
        type: 'object',
        required: ['ok'],
        properties: { ok: { type: 'boolean' }, error: { type: 'string', description: 'why the check failed' } },
        additionalProperties: true,
      },
    },
  },
} as const);

const HEALTH_SCHEMA = {
  tags: ['carbyne'],
  summary: 'Liveness, and a few figures from each part.',
  response: {
    200: { description: 'every part is well', content: { 'application/json': { schema: ref(HEALTH) } } },
    503: { description: 'some part is not well', content: { 'application/json': { schema: ref(HEALTH) } } },
  },
} as const;

/** `GET /health`: 200 with every check's figures when all are ok, 503 otherwise. */
export const healthRoutes: FastifyPluginAsync<HealthRouteOptions> = async (app, { checks, startedAtMs }) => {
  addSharedSchemas(app, [HEALTH]);
  app.get('/health', { schema: HEALTH_SCHEMA }, async (_req, reply) => {
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
