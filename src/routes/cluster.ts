import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Cluster } from '../cluster/cluster.js';
import { seriesNameOf } from '../finders/tagged-path.js';
import { decodeCalls, encodeAnswers, WIRE_CONTENT_TYPE, type ClusterCall } from '../cluster/wire/messages.js';
import { WireError } from '../cluster/wire/wire-bytes.js';
import { CALL_PATH } from '../cluster/peer/peer-client.js';
import { Params } from './params.js';

/**
 * `GET /cluster`: the nodes and their state as this node sees them, or with `name=NAME` the
 * nodes that own NAME, primary first. `POST /cluster/v1/call`: the other nodes' calls, in
 * carbyne's binary format (src/cluster/wire/messages.ts), answered from this node's own data.
 * A node that is not in a cluster lists no nodes and refuses calls.
 */
export function clusterRoutes(cluster: Cluster | undefined, bodyLimit: number) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addContentTypeParser(WIRE_CONTENT_TYPE, { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));

    app.get('/cluster', async (req, reply) => {
      const name = Params.fromRequest(req).get('name');
      reply.header('cache-control', 'no-cache');
      if (name !== undefined) {
        if (name === '') return reply.code(400).send({ error: 'name is empty' });
        return cluster ? { name, owners: cluster.owners(seriesNameOf(name)).owners } : { name, owners: [] };
      }
      return cluster ? cluster.status() : { self: '', nodes: [] };
    });

    app.post(CALL_PATH, async (req, reply) => {
      if (cluster === undefined) return sendText(reply, 400, 'this node is not in a cluster (cluster.nodes is empty)');
      if (!Buffer.isBuffer(req.body)) return sendText(reply, 415, `expected a ${WIRE_CONTENT_TYPE} body`);
      let calls: ClusterCall[];
      try {
        calls = decodeCalls(req.body);
      } catch (err) {
        if (err instanceof WireError) return sendText(reply, 400, `unreadable cluster call: ${err.message}`);
        throw err;
      }
      const answers = await cluster.localNode.answer(calls);
      return reply.type(WIRE_CONTENT_TYPE).send(encodeAnswers(calls, answers));
    });
  };
}

function sendText(reply: FastifyReply, status: number, message: string) {
  return reply.code(status).type('text/plain; charset=utf-8').send(`${message}\n`);
}
