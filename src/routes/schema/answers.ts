/**
 * Pieces of answer schemas the routes share. Answers graphite-web defines are written by
 * carbyne's own byte writers (Buffers, which Fastify sends without serialising): their schemas
 * document, they are never used to write. Answers Fastify serialises (/health, /ingest) are
 * written from their schema.
 */

/** A text answer (`text/plain`, `text/csv`, `text/html`, jsonp's `text/javascript`). */
export function text(description: string, example?: string) {
  return { type: 'string', description, ...(example !== undefined ? { examples: [example] } : {}) } as const;
}

/** A binary answer (pickle, msgpack), described by what it decodes to. */
export function binary(mediaType: string, description: string) {
  return { type: 'string', contentMediaType: mediaType, description } as const;
}

/** graphite-web's jsonp: `callback(<json>)` as text/javascript. */
export const JSONP = text('the JSON answer wrapped in a call of the `jsonp` callback', 'cb([...])');

/**
 * Error answers, as the app's error handler writes them (src/routes/server/error-answer.ts);
 * each route lists the ones it can give.
 */
export const ERRORS = {
  /** graphite-web's own 400s: `Invalid parameters (...)` and bare messages */
  400: (description: string) => ({ description, content: { 'text/plain': { schema: text('the problem, in graphite-web\'s words where graphite-web has them') }, 'text/html': { schema: text('`Invalid parameters (...)`, as graphite-web types it') } } }),
  413: { description: 'the body is larger than limits.ingest.maxHttpBodyBytes', content: { 'text/plain': { schema: text('names the setting') } } },
  422: (description: string) => ({ description, content: { 'text/plain': { schema: text('names the limit and the setting that sets it') } } }),
  503: (description: string) => ({ description, content: { 'text/plain': { schema: text('names what did not answer') } } }),
} as const;

/** In a cluster (docs/cluster.md): the nodes a read missed, as a graphite route says so. */
export const CLUSTER_READ_NOTE =
  ' In a cluster any node answers for every node; an answer missing the data of nodes that did not answer in time carries the `X-Carbyne-Partial` header naming them (with cluster.strictReads it is a 503 instead).';
export const CLUSTER_READ_503 = 'in a cluster with cluster.strictReads: some node whose data the answer needs did not answer (X-Carbyne-Partial names them)';

/** `{"error": message}`: the error answers of carbyne's own JSON routes (/ingest). */
export const JSON_ERROR = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string' } },
  additionalProperties: false,
} as const;
