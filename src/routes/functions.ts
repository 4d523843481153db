import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { pythonJsonDumps, type PythonJsonValue } from '../lib/python-json.js';
import type { AnyRenderFunction } from '../render/function-types.js';
import { FunctionCatalog } from '../render/functions/catalog.js';
import { FUNCTION_SCHEMA, FUNCTIONS_SCHEMA, FUNCTIONS_SHARED_SCHEMAS } from './functions-schema.js';
import { addSharedSchemas } from './schema/shared.js';
import { Params } from './params.js';

export interface FunctionRouteOptions {
  /** the render functions /render calls */
  readonly functions: readonly AnyRenderFunction[];
}

/**
 * GET /functions and /functions/<name>: the function catalogue Grafana's query editor reads,
 * answered as graphite-web does (`grouped`, `group`, `pretty`; `type=pie` lists pie functions,
 * of which carbyne has none).
 */
export const functionRoutes: FastifyPluginAsync<FunctionRouteOptions> = async (app, { functions }) => {
  const byName = new Map(functions.map((f) => [f.name, f]));
  const catalog = new FunctionCatalog(functions);
  const none = new FunctionCatalog([]);
  addSharedSchemas(app, FUNCTIONS_SHARED_SCHEMAS);
  app.get('/functions', { schema: FUNCTIONS_SCHEMA }, async (req, reply) => {
    const params = Params.fromRequest(req);
    const pie = params.get('type') === 'pie';
    const grouped = ['1', 'true'].includes((params.get('grouped') ?? '').toLowerCase());
    const body = (pie ? none : catalog).list({ grouped, group: params.get('group') });
    return sendJson(reply, 200, pyJsonDumps(body, Boolean(params.get('pretty'))));
  });

  app.get<{ Params: { name: string } }>('/functions/:name', { schema: FUNCTION_SCHEMA }, async (req, reply) => {
    const params = Params.fromRequest(req);
    const fn = params.get('type') === 'pie' ? undefined : byName.get(req.params.name);
    const pretty = Boolean(params.get('pretty'));
    if (!fn) return sendJson(reply, 404, pyJsonDumps({ error: `Function not found: ${req.params.name}` }, pretty));
    return sendJson(reply, 200, pyJsonDumps(catalog.info(fn), pretty));
  });
};

/**
 * Python's json.dumps as graphite-web's /functions uses it: with `pretty`, an indent of 2 and
 * sorted keys. An infinite default is written 1e9999, which every JSON parser reads as
 * infinity (graphite-web 1.1.8 wrote a bare Infinity there, which JSON.parse refuses).
 */
function pyJsonDumps(value: unknown, pretty: boolean): string {
  const text = pythonJsonDumps((pretty ? sortKeys(value) : value) as PythonJsonValue, { indent: pretty ? 2 : undefined });
  // every number of the catalogue is a default, an option or a suggestion: never inside a string
  return text.replace(/(: |\[|, |\n +)(-?)Infinity\b/g, '$1$21e9999');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, sortKeys(obj[k])]));
}

/** graphite-web's exact content type: a string body would get `; charset=utf-8` appended (the text is ASCII) */
function sendJson(reply: FastifyReply, status: number, text: string): FastifyReply {
  return reply.code(status).type('application/json').send(Buffer.from(text));
}
