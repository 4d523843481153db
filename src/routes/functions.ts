import type { FastifyInstance } from 'fastify';
import { pyJsonDumps } from '../lib/python-json.js';
import type { RenderFunction } from '../render/function-types.js';
import { functionCatalog, functionInfo } from '../render/functions/catalog.js';
import { Params } from './params.js';

/**
 * GET /functions and /functions/<name>: the function catalogue Grafana's query editor reads,
 * answered as graphite-web does (`grouped`, `group`, `pretty`; `type=pie` lists pie functions,
 * of which carbyne has none).
 */
export function functionRoutes(functions: readonly RenderFunction[]) {
  const byName = new Map(functions.map((f) => [f.name, f]));
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/functions', async (req, reply) => {
      const params = Params.fromRequest(req);
      const pie = params.get('type') === 'pie';
      const grouped = ['1', 'true'].includes((params.get('grouped') ?? '').toLowerCase());
      const body = functionCatalog(pie ? [] : functions, { grouped, group: params.get('group') });
      reply.type('application/json');
      return pyJsonDumps(body, Boolean(params.get('pretty')));
    });

    app.get<{ Params: { name: string } }>('/functions/:name', async (req, reply) => {
      const params = Params.fromRequest(req);
      const fn = params.get('type') === 'pie' ? undefined : byName.get(req.params.name);
      reply.type('application/json');
      const pretty = Boolean(params.get('pretty'));
      if (!fn) return reply.code(404).send(pyJsonDumps({ error: `Function not found: ${req.params.name}` }, pretty));
      return pyJsonDumps(functionInfo(fn), pretty);
    });
  };
}
