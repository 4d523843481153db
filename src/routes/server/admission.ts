import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { AdmissionGate, Release } from '../../lib/admission.js';
import type { Stats } from '../../lib/stats.js';

/** The kinds of request that have their own bound in flight (limits.concurrency). */
export type AdmissionKind = 'render' | 'find' | 'ingest';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the bound this route's requests count against; none when absent */
    admission?: AdmissionKind;
  }
}

export interface AdmissionOptions {
  readonly gates: Readonly<Record<AdmissionKind, AdmissionGate>>;
  /** where `admission.<kind>.in_flight`, `.queued` and `.refused` are counted */
  readonly stats: Stats;
}

/**
 * Holds each request of a route with `config: { admission: kind }` to its kind's AdmissionGate:
 * a place is taken when the request arrives (before its body is read), given back when its
 * answer is sent or its connection closes. A request refused (a full queue, too long a wait)
 * is answered 503 with Retry-After by the app's error handler.
 */
const admissionHooks: FastifyPluginAsync<AdmissionOptions> = async (app, { gates, stats }) => {
  for (const [kind, gate] of Object.entries(gates)) {
    stats.gauge(`admission.${kind}.in_flight`, () => gate.active);
    stats.gauge(`admission.${kind}.queued`, () => gate.queued);
  }
  const held = new WeakMap<object, Release>();
  app.addHook('onRequest', async (req, reply) => {
    const kind = req.routeOptions.config?.admission;
    if (!kind) return;
    let release: Release;
    try {
      release = await gates[kind].enter();
    } catch (err) {
      stats.counter(`admission.${kind}.refused`).inc();
      throw err;
    }
    held.set(req, release);
    reply.raw.once('close', release);
  });
  app.addHook('onResponse', async (req) => {
    held.get(req)?.();
  });
};

export const admission = fp(admissionHooks, { name: 'carbyne-admission', fastify: '5.x' });
