import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AdmissionGate, Release } from '../../lib/admission.js';
import { RequestAbandonedError } from '../../lib/service-errors.js';
import { clientGone } from '../client-gone.js';
import type { Stats } from '../../lib/stats.js';

/**
 * The kinds of request that have their own bound in flight (limits.concurrency): renders; finds
 * and the other reads of the index (tags, events); writes over HTTP (ingest, tag registration,
 * imports, removals); and `peer`, the reads other nodes of a cluster ask of this one, which
 * never wait behind this node's own users (docs/cluster.md, "Admission").
 */
export const ADMISSION_KINDS = ['render', 'find', 'ingest', 'peer'] as const;

export type AdmissionKind = (typeof ADMISSION_KINDS)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * the bound this route's requests count against; none when absent. A kind is taken when the
     * request arrives, before its body is read; a function of the request (its kind depends on
     * its body) is asked once the body is parsed, and may answer none.
     */
    admission?: AdmissionKind | ((req: FastifyRequest) => AdmissionKind | undefined);
  }
}

export interface AdmissionOptions {
  readonly gates: Readonly<Record<AdmissionKind, AdmissionGate>>;
  /** where `admission.<kind>.in_flight`, `.queued` and `.refused` are counted */
  readonly stats: Stats;
}

/**
 * Holds each request of a route with `config: { admission }` to its kind's AdmissionGate: a
 * place is taken when the request arrives (before its body is read; after, for a route whose
 * kind depends on its body), given back when its answer is sent or its connection closes. A
 * request refused (a full queue, too long a wait) is answered 503 with Retry-After by the app's
 * error handler.
 */
const admissionHooks: FastifyPluginAsync<AdmissionOptions> = async (app, { gates, stats }) => {
  for (const [kind, gate] of Object.entries(gates)) {
    stats.gauge(`admission.${kind}.in_flight`, () => gate.active);
    stats.gauge(`admission.${kind}.queued`, () => gate.queued);
  }
  const held = new WeakMap<object, Release>();
  const enter = async (req: FastifyRequest, reply: FastifyReply, kind: AdmissionKind) => {
    let release: Release;
    try {
      // a client that leaves while its request waits takes it out of the queue
      release = await gates[kind].enter(clientGone(reply));
    } catch (err) {
      if (!(err instanceof RequestAbandonedError)) stats.counter(`admission.${kind}.refused`).inc();
      throw err;
    }
    held.set(req, release);
    // closed before the wait began: no 'close' will come to give the place back
    if (reply.raw.closed) {
      release();
      throw new RequestAbandonedError();
    }
    reply.raw.once('close', release);
  };
  app.addHook('onRequest', async (req, reply) => {
    const kind = req.routeOptions.config?.admission;
    if (typeof kind === 'string') await enter(req, reply, kind);
  });
  app.addHook('preHandler', async (req, reply) => {
    const kindOf = req.routeOptions.config?.admission;
    if (typeof kindOf !== 'function') return;
    const kind = kindOf(req);
    if (kind !== undefined) await enter(req, reply, kind);
  });
  app.addHook('onResponse', async (req) => {
    held.get(req)?.();
  });
};

export const admission = fp(admissionHooks, { name: 'carbyne-admission', fastify: '5.x' });
