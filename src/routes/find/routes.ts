import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { FindTimeoutError, findBounded, type FindBounds } from '../../finders/bounded-find.js';
import { listLeaves } from '../../finders/all-leaves.js';
import type { MetricIndex } from '../../finders/metric-index.js';
import { sortByName, sortedUniquePaths } from '../../finders/node-order.js';
import type { Clock } from '../../lib/clock.js';
import { InputParameterError, noCache, PlainBadRequestError, sendGraphiteJson } from '../graphite-response.js';
import { Params } from '../params.js';
import { intParam, isFindFormat, parseFindParams } from './find-params.js';
import { EXPAND_SCHEMA, FIND_SCHEMA, FIND_SHARED_SCHEMAS, INDEX_JSON_SCHEMA } from './find-schema.js';
import { addSharedSchemas } from '../schema/shared.js';
import { completer, jsonNodes, msgpackNodes, nodeList, pickleNodes, treeJson, treeJsonText, type LeafIntervals } from './find-formats.js';

export interface FindRouteOptions {
  readonly index: MetricIndex;
  readonly limits: FindBounds;
  readonly clock: Clock;
  /** the data intervals of a leaf at `now` (find's json, pickle and msgpack formats report them) */
  readonly intervals: (path: string, now: number) => ReturnType<LeafIntervals>;
}

/** graphite-web's metrics API: /metrics/find (and /metrics), /metrics/expand, /metrics/index.json. */
/** finds, expansions and the index count against the finds' bound in flight (limits.concurrency.find) */
const FIND_CONFIG = { admission: 'find' as const };

export const findRoutes: FastifyPluginAsync<FindRouteOptions> = async (app, options) => {
  const { index, limits, clock } = options;

  const find = async (req: FastifyRequest, reply: FastifyReply) => {
    const params = Params.fromRequest(req);
    const now = clock.nowSeconds();
    const q = parseFindParams(params, now);
    if (!isFindFormat(q.format)) throw new PlainBadRequestError("Invalid value for 'format' parameter");
    const found = await findBounded(index, q.pattern, { from: q.from, until: q.until, leavesOnly: q.leavesOnly }, limits);
    const nodes = sortByName(q.leavesOnly ? found.filter((n) => n.isLeaf) : found);
    const intervals: LeafIntervals = (path) => options.intervals(path, now);
    noCache(reply);
    switch (q.format) {
      case 'treejson':
        return sendGraphiteJson(req, reply, params, () => treeJson(nodes, q.basePath, q.wildcards), {
          jsonp: q.jsonp,
          flat: (quote) => treeJsonText(nodes, q.basePath, q.wildcards, quote),
        });
      case 'completer':
        return sendGraphiteJson(req, reply, params, completer(nodes, q.wildcards), { jsonp: q.jsonp });
      case 'json':
        return sendGraphiteJson(req, reply, params, jsonNodes(nodes, intervals), { jsonp: q.jsonp });
      case 'nodelist': {
        const list = nodeList(nodes, q.position);
        if (list === null) throw new InputParameterError(`position ${q.position} is beyond the end of a matched path`);
        return sendGraphiteJson(req, reply, params, list, { jsonp: q.jsonp });
      }
      case 'pickle':
        return reply.type('application/pickle').send(pickleNodes(nodes, intervals));
      case 'msgpack':
        return reply.type('application/x-msgpack').send(msgpackNodes(nodes, intervals));
    }
  };

  const expand = async (req: FastifyRequest, reply: FastifyReply) => {
    const params = Params.fromRequest(req);
    intParam(params, 'local', 0);
    const groupByExpr = intParam(params, 'groupByExpr', 0) !== 0;
    const leavesOnly = intParam(params, 'leavesOnly', 0) !== 0;
    const jsonp = params.get('jsonp') || undefined;
    const byQuery = new Map<string, Set<string>>();
    for (const query of params.getAll('query')) {
      const paths = byQuery.get(query) ?? new Set<string>();
      byQuery.set(query, paths);
      for (const node of await findBounded(index, query, {}, limits)) if (node.isLeaf || !leavesOnly) paths.add(node.path);
    }
    const results = groupByExpr
      ? new Map([...byQuery].map(([query, paths]) => [query, sortedUniquePaths(paths)]))
      : sortedUniquePaths([...byQuery.values()].flatMap((paths) => [...paths]));
    noCache(reply);
    return sendGraphiteJson(req, reply, params, { results }, { jsonp });
  };

  const indexJson = async (req: FastifyRequest, reply: FastifyReply) => {
    const params = Params.fromRequest(req);
    const jsonp = params.get('jsonp') || undefined;
    intParam(params, 'local', 0);
    const deadline = Date.now() + limits.timeoutMs;
    const checkTime = () => {
      if (Date.now() > deadline) throw new FindTimeoutError('**', limits.timeoutMs);
    };
    const leaves = await listLeaves(index, checkTime);
    return sendGraphiteJson(req, reply, params, sortedUniquePaths(leaves), { jsonp });
  };

  addSharedSchemas(app, FIND_SHARED_SCHEMAS);
  for (const url of ['/metrics/find', '/metrics']) {
    app.get(url, { schema: FIND_SCHEMA.get, config: FIND_CONFIG }, find);
    app.post(url, { schema: FIND_SCHEMA.post, config: FIND_CONFIG }, find);
  }
  app.get('/metrics/expand', { schema: EXPAND_SCHEMA.get, config: FIND_CONFIG }, expand);
  app.post('/metrics/expand', { schema: EXPAND_SCHEMA.post, config: FIND_CONFIG }, expand);
  app.get('/metrics/index.json', { schema: INDEX_JSON_SCHEMA.get, config: FIND_CONFIG }, indexJson);
  app.post('/metrics/index.json', { schema: INDEX_JSON_SCHEMA.post, config: FIND_CONFIG }, indexJson);
};
