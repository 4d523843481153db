import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/** Query parameters whose values a log must not keep: passwords, tokens, keys, signatures, sessions. */
const SECRET_NAME = /pass|pwd|secret|token|key|auth|sig|session|cred/i;
/** a render GET can carry a long target list; the line keeps the start */
const MAX_URL_CHARS = 2048;

/**
 * The URL as a log line shows it: the value of every query parameter whose name looks like a
 * secret replaced by `***` (the rest of the text as sent), and cut after MAX_URL_CHARS.
 */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  let out = url;
  if (q >= 0 && SECRET_NAME.test(url.slice(q + 1))) {
    const parts = url
      .slice(q + 1)
      .split('&')
      .map((part) => {
        const eq = part.indexOf('=');
        const name = eq < 0 ? part : part.slice(0, eq);
        return eq >= 0 && SECRET_NAME.test(decodeName(name)) ? `${name}=***` : part;
      });
    out = `${url.slice(0, q)}?${parts.join('&')}`;
  }
  return out.length > MAX_URL_CHARS ? `${out.slice(0, MAX_URL_CHARS)}... (${out.length - MAX_URL_CHARS} more characters)` : out;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/**
 * One log line per request, at info, once it is answered: method, URL (secrets hidden),
 * status and milliseconds, on the request's logger (so with its id). Silent below info.
 */
const logEachRequest: FastifyPluginAsync = async (app) => {
  app.addHook('onResponse', async (req, reply) => {
    // pino's check: building the line costs more than asking (no logger at all: nothing to do)
    if (!(req.log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('info')) return;
    req.log.info({ method: req.method, url: loggableUrl(req.url), statusCode: reply.statusCode, responseTime: Math.round(reply.elapsedTime * 100) / 100 }, 'request');
  });
};

export const requestLog = fp(logEachRequest, { name: 'carbyne-request-log', fastify: '5.x' });
