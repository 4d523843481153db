import type { FastifyPluginAsync } from 'fastify';
import { text } from './schema/answers.js';

/**
 * The graphite-web version carbyne answers as. Grafana only accepts a semver body, and turns
 * on tags and the function catalogue for 1.1 and later.
 */
export const GRAPHITE_VERSION = '1.1.8';

const VERSION_SCHEMA = {
  tags: ['graphite'],
  summary: 'The graphite-web version carbyne answers as (a semver string, as Grafana expects).',
  response: { 200: { description: 'the version and a newline', content: { 'text/plain': { schema: text('`1.1.8` and a newline', `${GRAPHITE_VERSION}\n`) } } } },
} as const;

export const versionRoutes: FastifyPluginAsync = async (app) => {
  app.get('/version', { schema: VERSION_SCHEMA }, async (_req, reply) => {
    reply.type('text/plain; charset=utf-8');
    return `${GRAPHITE_VERSION}\n`;
  });
};
