import type { FastifyReply } from 'fastify';
import { RequestAbandonedError } from '../lib/service-errors.js';

/**
 * A signal that fires when the client closes its connection before its answer is sent, so the
 * work for it can stop. A response closes once in any case; only one closed before it finished
 * means the client left.
 */
export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new RequestAbandonedError());
  });
  return controller.signal;
}
