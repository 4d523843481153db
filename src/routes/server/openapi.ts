import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { stringify } from 'yaml';

/** carbyne's version, from the package.json above this file (in src/ and in dist/src/ alike). */
function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
}

const DESCRIPTION = [
  "A Graphite-compatible metrics server. The find and render API answers as graphite-web 1.1.8 does, so Grafana's Graphite datasource, curl and Graphite tooling work unchanged.",
  "Every graphite route reads its parameters from the query string and, for POST, from a form body (url-encoded or multipart), merged as Django's QueryDict merges them: a parameter sent twice keeps both values, and a single-valued one takes the last (the body's). Unknown parameters are ignored. Values are checked by the route, with graphite-web's messages: the schemas describe them without refusing what graphite-web accepts.",
  "Generated from the routes' schemas (docs/http-api.md); served at /openapi.json.",
].join('\n\n');

interface Operation {
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  'x-required-params'?: string[];
}

/**
 * A route's `x-required-params` are the parameters graphite-web requires, from the query
 * string or the body; the schemas cannot require them (a POST may carry them in either), so a
 * GET's query parameters of those names are marked required here, in the document only.
 */
function markRequiredParams(document: { paths?: Record<string, Record<string, Operation>> }) {
  for (const operations of Object.values(document.paths ?? {})) {
    const get = operations.get;
    const required = get?.['x-required-params'] ?? [];
    for (const p of get?.parameters ?? []) if (p.in === 'query' && required.includes(p.name)) p.required = true;
  }
  return document;
}

/**
 * The OpenAPI document, generated from every route's schema by @fastify/swagger (register it
 * before the routes: it collects them as they are added), and `GET /openapi.json` serving it.
 * openapi.yaml in the repository is the same document (`npm run openapi` writes it).
 */
const openApiDocument: FastifyPluginAsync = async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'carbyne', version: packageVersion(), description: DESCRIPTION },
      tags: [
        { name: 'graphite', description: "graphite-web 1.1.8's API, answered as graphite-web answers it" },
        { name: 'carbyne', description: "carbyne's own routes" },
      ],
    },
    // components are named by their schema's $id (src/routes/schema/shared.ts)
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    transformObject: (document) => ('openapiObject' in document ? markRequiredParams(document.openapiObject as Parameters<typeof markRequiredParams>[0]) : document.swaggerObject) as Record<string, unknown>,
  });

  app.get(
    '/openapi.json',
    {
      schema: {
        tags: ['carbyne'],
        summary: 'This OpenAPI document.',
        response: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object', required: ['openapi', 'paths'], additionalProperties: true } } } } },
      },
    },
    async () => app.swagger(),
  );
};

export const openApi = fp(openApiDocument, { name: 'carbyne-openapi', fastify: '5.x' });

/**
 * The document as openapi.yaml holds it: every object written out where it occurs (no YAML
 * anchors), lines unfolded. The app must be ready (every route registered).
 */
export function openApiYaml(app: FastifyInstance): string {
  return stringify(app.swagger(), { aliasDuplicateObjects: false, lineWidth: 0 });
}
