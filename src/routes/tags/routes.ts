import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SeriesRemover } from '../../engine/removal/series-deletion.js';
import type { MetricIndex } from '../../finders/metric-index.js';
import { TagExpressionError } from '../../finders/tag-expressions.js';
import type { TagIndex, TagLimits } from '../../finders/tag-index.js';
import { TagLimitError } from '../../finders/tags/tag-work.js';
import { displayName } from '../../series/id.js';
import { parseMetricName } from '../../series/name.js';
import type { MetricName } from '../../series/types.js';
import { Params } from '../params.js';
import { sendMethodNotAllowed, sendTagError, sendTagJson } from './tag-json.js';
import { autocompleteLimit, listLimit, listParam, TagRequestError, textParam } from './tag-params.js';

export interface TagRouteOptions {
  readonly tags: TagIndex;
  /** where /tags/tagSeries registers series (the index the engine registers new series in) */
  readonly index: Pick<MetricIndex, 'register'>;
  /** what /tags/delSeries removes series with: the storage engine, as `carbyne series delete` */
  readonly remover: SeriesRemover;
  readonly limits: TagLimits;
}

type Handler = (params: Params, reply: FastifyReply) => Promise<FastifyReply>;

/**
 * graphite-web 1.1.8's tag API (graphite/tags/views.py): the same paths, methods, parameters,
 * answers and errors, from the tag index. Parameters come from the query string and, on a
 * POST, the form body too (Django's QueryDict, body values last).
 */
export function tagRoutes(options: TagRouteOptions) {
  const { tags, index, remover, limits } = options;

  const tagSeries: Handler = async (params, reply) => {
    const path = textParam(params, 'path');
    if (path === undefined) throw new TagRequestError('no path specified');
    const [metric] = parsePaths([path]);
    await register([metric]);
    return sendTagJson(reply, params, displayName(metric));
  };

  const tagMultiSeries: Handler = async (params, reply) => {
    const paths = listParam(params, 'path');
    if (paths.length === 0) throw new TagRequestError('no paths specified');
    const metrics = parsePaths(paths);
    await register(metrics);
    return sendTagJson(reply, params, metrics.map(displayName));
  };

  const delSeries: Handler = async (params, reply) => {
    const paths = listParam(params, 'path');
    if (paths.length === 0) throw new TagRequestError('no path specified');
    await remover.removeSeries(parsePaths(paths));
    return sendTagJson(reply, params, true);
  };

  const findSeries: Handler = async (params, reply) => {
    const expressions = listParam(params, 'expr');
    if (expressions.length === 0) throw new TagRequestError('no tag expressions specified');
    return sendTagJson(reply, params, await tags.findSeries(expressions, limits));
  };

  const autoCompleteTags: Handler = async (params, reply) => {
    const expressions = listParam(params, 'expr');
    const { limit, cut } = autocompleteLimit(params);
    const names = await tags.tagNames({ expressions, prefix: textParam(params, 'tagPrefix'), limit }, limits);
    return sendTagJson(reply, params, cut(names));
  };

  const autoCompleteValues: Handler = async (params, reply) => {
    const expressions = listParam(params, 'expr');
    const tag = textParam(params, 'tag');
    if (tag === undefined) throw new TagRequestError('no tag specified');
    const { limit, cut } = autocompleteLimit(params);
    const values = await tags.tagValues(tag, { expressions, prefix: textParam(params, 'valuePrefix'), limit }, limits);
    return sendTagJson(reply, params, cut(values));
  };

  const tagList: Handler = async (params, reply) => {
    const rows = await tags.listTags(textParam(params, 'filter'), listLimit(params), limits);
    return sendTagJson(reply, params, rows.map((r) => ({ id: r.id, tag: r.tag })));
  };

  const tagDetails = async (tag: string, params: Params, reply: FastifyReply) => {
    // graphite-web reads the limit only for a tag it knows: a bad one fails only then
    let limit: number | undefined;
    let badLimit: unknown = null;
    try {
      limit = listLimit(params);
    } catch (err) {
      badLimit = err;
      limit = 0;
    }
    const details = await tags.tagDetails(tag, textParam(params, 'filter'), limit, limits);
    if (details === null) return sendTagJson(reply, params, null);
    if (badLimit !== null) throw badLimit;
    return sendTagJson(reply, params, { id: details.id, tag: details.tag, values: details.values.map((v) => ({ id: v.id, value: v.value, count: v.count })) });
  };

  /** Registers tagged series; plain names are answered but not indexed (they appear when written). */
  async function register(metrics: readonly MetricName[]): Promise<void> {
    const tagged = metrics.filter((m) => Object.keys(m.tags).length > 0);
    if (tagged.length > 0) await index.register(tagged);
  }

  return async (app: FastifyInstance): Promise<void> => {
    app.setErrorHandler((err, req, reply) => {
      const params = Params.fromRequest(req);
      if (err instanceof TagRequestError || err instanceof TagExpressionError) return sendTagError(reply, params, 400, err.message);
      if (err instanceof TagLimitError) return sendTagError(reply, params, 422, err.message);
      throw err;
    });
    const serve = (methods: ReadonlyArray<'GET' | 'POST'>, handler: Handler) => async (req: FastifyRequest, reply: FastifyReply) =>
      methods.includes(req.method as 'GET' | 'POST') ? handler(Params.fromRequest(req), reply) : sendMethodNotAllowed(reply);
    const route = (url: string, methods: ReadonlyArray<'GET' | 'POST'>, handler: Handler) => {
      app.get(url, serve(methods, handler));
      app.post(url, serve(methods, handler));
    };
    route('/tags/tagSeries', ['POST'], tagSeries);
    route('/tags/tagMultiSeries', ['POST'], tagMultiSeries);
    route('/tags/delSeries', ['POST'], delSeries);
    route('/tags/findSeries', ['GET', 'POST'], findSeries);
    route('/tags/autoComplete/tags', ['GET', 'POST'], autoCompleteTags);
    route('/tags/autoComplete/values', ['GET', 'POST'], autoCompleteValues);
    route('/tags', ['GET'], tagList);
    app.get<{ Params: { tag: string } }>('/tags/:tag', async (req, reply) => tagDetails(req.params.tag, Params.fromRequest(req), reply));
    app.post('/tags/:tag', async (_req, reply) => sendMethodNotAllowed(reply));
  };
}

/** graphite's TaggedSeries.parse of each path (its messages), and carbyne's checks of a storable name; tags in the order given. */
function parsePaths(paths: readonly string[]): MetricName[] {
  return paths.map((path) => {
    const parsed = parseMetricName(path, 'as-given');
    if (!parsed.ok) throw new TagRequestError(parsed.reason);
    return parsed.metric;
  });
}
