import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Cluster } from '../cluster/cluster.js';
import { seriesNameOf } from '../finders/tagged-path.js';
import { decodeCalls, encodeAnswers, encodeCalls, WIRE_CONTENT_TYPE, type ClusterCall } from '../cluster/wire/messages.js';
import type { LocalNode } from '../cluster/local-node.js';
import { WireError } from '../cluster/wire/wire-bytes.js';
import { CALL_PATH } from '../cluster/peer/peer-client.js';
import { Params } from './params.js';
import { binary, busy, ERRORS, JSON_ERROR, text } from './schema/answers.js';
import { graphiteParams, param } from './schema/params.js';
import { BadRequestError } from './server/bad-request-error.js';

/** One call, a ping: the example the OpenAPI document carries (every byte below 0x80). */
const PING_BATCH = encodeCalls([{ op: 'ping' }]).toString('latin1');

const NODE = {
  type: 'object',
  required: ['name', 'url', 'carbon', 'self', 'state'],
  properties: {
    name: { type: 'string', description: "the relay's instance name for the node" },
    url: { type: 'string' },
    carbon: { type: 'string', description: 'the host:port the relay sends to' },
    self: { type: 'boolean', description: 'the node answering' },
    state: { type: 'string', enum: ['up', 'down'], description: 'as this node saw it last (down: a call or probe failed; reads do not wait for it)' },
    caughtUp: { type: ['boolean', 'null'], description: 'false while the node catches up on what it missed (its last probe answer; null before any)' },
    persistedAt: { type: ['number', 'null'], description: 'shared store: when its last round that wrote every closed window it persists started (seconds)' },
    lastAnswerMs: { type: ['number', 'null'] },
    lastFailureMs: { type: ['number', 'null'] },
    lastError: { type: ['string', 'null'] },
    queuedPoints: { type: 'integer', description: 'points waiting to be forwarded to it' },
  },
} as const;

const STATUS = {
  type: 'object',
  required: ['self', 'nodes'],
  description: 'the cluster as this node sees it (a node not in a cluster lists no nodes)',
  properties: {
    self: { type: 'string' },
    hash: { type: 'string', enum: ['carbon_ch', 'fnv1a_ch', 'jump_fnv1a_ch'] },
    replicas: { type: 'integer' },
    topology: { type: 'string', enum: ['shared-nothing', 'shared-store'] },
    forward: { type: 'boolean' },
    strictReads: { type: 'boolean' },
    caughtUp: { type: 'boolean', description: 'this node owes no repair' },
    repair: {
      type: 'object',
      description: 'the catching up of this node: what it fetched from its replicas after being away',
      properties: {
        state: { type: 'string', enum: ['idle', 'running', 'waiting'] },
        since: { type: ['number', 'null'] },
        lastDoneMs: { type: ['number', 'null'] },
        series: { type: 'integer' },
        points: { type: 'integer' },
        lastError: { type: ['string', 'null'] },
      },
    },
    nodes: { type: 'array', items: NODE },
  },
} as const;

const OWNERS = {
  type: 'object',
  required: ['name', 'owners'],
  description: 'the nodes that own `name` (the relay sends its points to them), primary first',
  properties: { name: { type: 'string' }, owners: { type: 'array', items: { type: 'string' } } },
} as const;

const CLUSTER_PARAMS = graphiteParams({
  name: param('a metric name, plain or tagged: the answer is then its owners', 'servers.web01.cpu.user', 'disk.used;dc=eu;host=web01'),
});

const CLUSTER_SCHEMA = {
  tags: ['carbyne'],
  summary: 'The cluster as this node sees it, or the owners of one name (docs/cluster.md).',
  description:
    "Without `name`: this node's name, the hash, replication, topology, its catching up, and every node of `cluster.nodes` with its state as this node last saw it. With `name=NAME`: the nodes that own NAME, primary first (the relay's destinations for it). A node that is not in a cluster lists no nodes and no owners.",
  querystring: CLUSTER_PARAMS,
  response: {
    200: { description: 'the cluster, or the owners of `name`', content: { 'application/json': { schema: { anyOf: [STATUS, OWNERS] } } } },
    400: { description: 'an empty `name`', content: { 'text/plain': { schema: text('the problem') } } },
  },
} as const;

const CALL_SCHEMA = {
  tags: ['carbyne'],
  summary: "Calls between the nodes of a cluster, in carbyne's own binary format.",
  description:
    "A batch of calls from another node (finds, series reads, tag queries, forwarded points, repair listings), answered from this node's own data, in the same order (a call the node cannot answer gets an error answer of its own). The format is src/cluster/wire/messages.ts's; it is not meant for clients. A node that is not in a cluster answers the calls about its own data too.",
  // no `type`: the body arrives as bytes, which a string schema would refuse
  body: { content: { [WIRE_CONTENT_TYPE]: { schema: { contentMediaType: WIRE_CONTENT_TYPE, description: 'the calls', examples: [PING_BATCH] } } } },
  response: {
    200: { description: 'the answers, one per call', content: { [WIRE_CONTENT_TYPE]: { schema: binary(WIRE_CONTENT_TYPE, 'the answers') } } },
    400: { description: 'the body is not a batch of calls', content: { 'text/plain': { schema: text('the problem') } } },
    415: { description: `the body is not ${WIRE_CONTENT_TYPE}`, content: { 'text/plain': { schema: text('the problem') }, 'application/json': { schema: JSON_ERROR } } },
    503: ERRORS[503](`${busy('peer')} (a batch of probes, forwarded points and repair requests only is never refused)`),
  },
} as const;

/**
 * Calls that never wait for a place of the `peer` bound: a probe (a busy node must still be
 * seen alive, or the others take its series over), forwarded points (the cluster's ingest, as
 * carbon's listeners are never held; bounded by the sender's queue and the body limit) and a
 * request to catch up (it only starts a background repair). Any other call reads or removes
 * this node's data, and its batch waits for a place (docs/cluster.md, "Admission").
 */
const UNBOUNDED_OPS: ReadonlySet<ClusterCall['op']> = new Set(['ping', 'points', 'repair']);

export interface ClusterRouteOptions {
  /** this node's cluster, or undefined when it runs alone */
  readonly cluster: Cluster | undefined;
  /** what answers the calls: this node's own data */
  readonly localNode: LocalNode;
  /** largest call batch accepted (bytes) */
  readonly bodyLimit: number;
}

/**
 * `GET /cluster`: the nodes and their state as this node sees them, or with `name=NAME` the
 * nodes that own NAME, primary first. `POST /cluster/v1/call`: the other nodes' calls, in
 * carbyne's binary format (src/cluster/wire/messages.ts), answered from this node's own data.
 */
export const clusterRoutes: FastifyPluginAsync<ClusterRouteOptions> = async (app, { cluster, localNode, bodyLimit }) => {
  app.addContentTypeParser(WIRE_CONTENT_TYPE, { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));

  app.get('/cluster', { schema: CLUSTER_SCHEMA }, async (req, reply) => {
    const name = Params.fromRequest(req).get('name');
    reply.header('cache-control', 'no-cache');
    if (name !== undefined) {
      if (name === '') throw new BadRequestError('name is empty');
      return cluster ? { name, owners: cluster.owners(seriesNameOf(name)).owners } : { name, owners: [] };
    }
    return cluster ? cluster.status() : { self: '', nodes: [] };
  });

  // decoded once, when the admission asks what the batch holds
  const decoded = new WeakMap<FastifyRequest, ClusterCall[]>();
  const callsOf = (req: FastifyRequest): ClusterCall[] => {
    let calls = decoded.get(req);
    if (calls === undefined) decoded.set(req, (calls = decodeBatch(req.body)));
    return calls;
  };
  const admission = (req: FastifyRequest) => (callsOf(req).every((c) => UNBOUNDED_OPS.has(c.op)) ? undefined : 'peer');

  app.post(CALL_PATH, { schema: CALL_SCHEMA, config: { admission } }, async (req, reply) => {
    const calls = callsOf(req);
    const answers = await localNode.answer(calls);
    return reply.type(WIRE_CONTENT_TYPE).send(encodeAnswers(calls, answers));
  });
};

function decodeBatch(body: unknown): ClusterCall[] {
  if (!Buffer.isBuffer(body)) throw new BadRequestError(`expected a ${WIRE_CONTENT_TYPE} body`, 415);
  try {
    return decodeCalls(body);
  } catch (err) {
    if (err instanceof WireError) throw new BadRequestError(`unreadable cluster call: ${err.message}`);
    throw err;
  }
}
