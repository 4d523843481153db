import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ReadScope, runInScope } from '../cluster/read-scope.js';
import type { Stats } from '../lib/stats.js';
import { Params } from './params.js';

/** The response header naming the nodes whose answers a partial answer misses. */
export const PARTIAL_HEADER = 'x-carbyne-partial';

export interface ReadScopeOptions {
  /** a read missing some node's answer fails with 503 (cluster.strictReads) */
  readonly strictReads: boolean;
  readonly renderTimeoutMs: number;
  readonly findTimeoutMs: number;
  readonly stats: Stats;
}

/** The part of a request's time limit kept for its own work after the other nodes' answers. */
function reserveMs(limitMs: number): number {
  return Math.min(1000, Math.floor(limitMs / 10));
}

/**
 * Every request in a cluster reads inside a ReadScope (src/cluster/read-scope.ts): `local`
 * from graphite-web's parameter (`local=1` on /render; any non-zero integer elsewhere), a
 * deadline for the calls to other nodes inside the route's time limit. When some node's answer
 * is missing, the answer says so: the X-Carbyne-Partial header naming the nodes, a log line and
 * the `cluster.partial_answers` counter; with strictReads the read fails (ClusterReadError, a
 * 503 through the app's error handler) and the header names them too.
 */
const readScopes: FastifyPluginAsync<ReadScopeOptions> = async (app, opts) => {
  const scopes = new WeakMap<FastifyRequest, ReadScope>();
  const partials = opts.stats.counter('cluster.partial_answers');

  app.addHook('preHandler', (req, _reply, done) => {
    const path = req.url.split('?', 1)[0];
    if (path.startsWith('/cluster')) return done();
    const render = path === '/render' || path.startsWith('/render/');
    const param = Params.fromRequest(req).get('local');
    const local = render ? param === '1' : param !== undefined && /^\s*[+-]?\d+\s*$/.test(param) && Number(param) !== 0;
    const limit = render ? opts.renderTimeoutMs : opts.findTimeoutMs;
    const scope = new ReadScope(local, Date.now() + limit - reserveMs(limit), opts.strictReads);
    scopes.set(req, scope);
    runInScope(scope, done);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const scope = scopes.get(req);
    if (scope === undefined || !scope.partial) return payload;
    const nodes = [...scope.missing].sort();
    partials.inc();
    req.log.warn({ url: req.url, nodes, strict: opts.strictReads }, 'partial answer: some cluster nodes did not answer');
    reply.header(PARTIAL_HEADER, nodes.join(','));
    return payload;
  });
};

/** App-wide (fastify-plugin): register it before the routes. */
export const clusterReadScope = fp(readScopes, { name: 'carbyne-cluster-read-scope', fastify: '5.x' });
