import compress from '@fastify/compress';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, onSendAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Gzip this route's answers in one call on the thread pool instead of @fastify/compress's
     * stream: for large buffered answers (/render), where that is about twice as fast
     * (docs/benchmarks.md, `render-http`).
     */
    gzipWhole?: boolean;
  }
}

export interface CompressionOptions {
  /** answers smaller than this many bytes go uncompressed */
  readonly threshold: number;
  /** zlib level, 1 to 9 */
  readonly level: number;
}

/**
 * Every answer graphite-web would compress: text, JSON, jsonp, csv, svg, and the pickle and
 * msgpack answers of federating front ends (graphite-web's GZipMiddleware compresses every
 * content type). gzip only, the one encoding graphite-web offers and every client accepts.
 */
export const COMPRESSIBLE = /^(?:text\/|image\/svg\+xml|application\/(?:json|javascript|pickle|x-msgpack)\b)/;

const gzipAsync = promisify(gzip);
/**
 * Answers up to this size are gzipped on the event loop: the thread pool's hop costs more than
 * compressing a few kB (tens of microseconds at level 1); larger ones go to the thread pool.
 */
const GZIP_ON_LOOP_MAX = 8192;

/** Whether an Accept-Encoding header takes gzip (`gzip` or `*`, with a q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const item of header.split(',')) {
    const [token, ...params] = item.split(';').map((s) => s.trim().toLowerCase());
    if (token !== 'gzip' && token !== 'x-gzip' && token !== '*') continue;
    const q = params.find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/** The one-call gzip of a route with `config.gzipWhole`: small answers on the event loop, large ones on the thread pool. */
function gzipWhole({ threshold, level }: CompressionOptions): onSendAsyncHookHandler<unknown> {
  return async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if ((typeof payload !== 'string' && !Buffer.isBuffer(payload)) || reply.hasHeader('content-encoding')) return payload;
    if (!acceptsGzip(req.headers['accept-encoding']) || !COMPRESSIBLE.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (bytes.length < threshold) return payload;
    reply.header('content-encoding', 'gzip');
    if (!/accept-encoding/i.test(String(reply.getHeader('vary') ?? ''))) reply.header('vary', 'accept-encoding');
    return bytes.length <= GZIP_ON_LOOP_MAX ? gzipSync(bytes, { level }) : gzipAsync(bytes, { level });
  };
}

/**
 * gzip of answers for clients that send `Accept-Encoding: gzip`, at the configured threshold
 * and level: @fastify/compress for every route, except that a route with `config.gzipWhole`
 * has its buffered answer gzipped in one call; request bodies sent with `Content-Encoding:
 * gzip` or `deflate` are inflated (within the body limit). Applies to the routes registered
 * after it.
 */
const compressAnswers: FastifyPluginAsync<CompressionOptions> = async (app, options) => {
  const whole = gzipWhole(options);
  // before @fastify/compress's own onRoute hook, which skips a route with `compress: false`
  app.addHook('onRoute', (route) => {
    if (!route.config?.gzipWhole) return;
    (route as { compress?: false }).compress = false;
    route.onSend = [...[route.onSend ?? []].flat(), whole];
  });
  await app.register(compress, {
    encodings: ['gzip'],
    requestEncodings: ['gzip', 'deflate'],
    threshold: options.threshold,
    zlibOptions: { level: options.level },
    customTypes: COMPRESSIBLE,
  });
};

export const compression = fp(compressAnswers, { name: 'carbyne-compression', fastify: '5.x' });
