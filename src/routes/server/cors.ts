import cors from '@fastify/cors';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

export interface CorsOptions {
  /** origins allowed, as browsers send them (`https://grafana.example.com`), or `*` for any */
  readonly origins: readonly string[];
  /** whether the browser may send cookies and Authorization */
  readonly credentials: boolean;
}

/** how long a browser may keep a preflight's answer (Grafana in browser mode asks before each POST /render otherwise) */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Cross-origin requests (@fastify/cors), for Grafana's Graphite datasource in browser (direct)
 * mode, which graphite-web's users enable with Access-Control-* headers in their web server:
 * answers carry Access-Control-Allow-Origin for an allowed origin, and preflights (OPTIONS) are
 * answered for GET, HEAD and POST with whatever headers the browser asks to send. With
 * credentials, `*` cannot be sent as such: the request's own origin is answered instead.
 */
const crossOrigin: FastifyPluginAsync<CorsOptions> = async (app, { origins, credentials }) => {
  const any = origins.includes('*');
  await app.register(cors, {
    origin: any ? (credentials ? true : '*') : [...origins],
    credentials,
    methods: ['GET', 'HEAD', 'POST'],
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  });
};

export const crossOriginRequests = fp(crossOrigin, { name: 'carbyne-cors', fastify: '5.x' });
