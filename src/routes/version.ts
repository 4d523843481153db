import type { FastifyPluginAsync } from 'fastify';

/**
 * The graphite-web version carbyne answers as. Grafana only accepts a semver body, and turns
 * on tags and the function catalogue for 1.1 and later.
 */
export const GRAPHITE_VERSION = '1.1.8';

export const versionRoutes: FastifyPluginAsync = async (app) => {
  app.get('/version', async (_req, reply) => {
    reply.type('text/plain; charset=utf-8');
    return `${GRAPHITE_VERSION}\n`;
  });
};
