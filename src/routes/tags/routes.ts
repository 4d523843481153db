import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { SeriesRemover } from '../../engine/removal/series-deletion.js';
import type { MetricIndex } from '../../finders/metric-index.js';
import type { TagIndex, TagLimits } from '../../finders/tag-index.js';
import { displayName } from '../../series/id.js';
import { parseMetricName } from '../../series/name.js';
import type { MetricName } from '../../series/types.js';
import { PlainBadRequestError } from '../graphite-response.js';
import { Params } from '../params.js';
import { addSharedSchemas } from '../schema/shared.js';
import { sendMethodNotAllowed, sendTagJson } from './tag-json.js';
import { autocompleteLimit, listLimit, listParam, textParam } from './tag-params.js';
import {
  AUTOCOMPLETE_TAGS_SCHEMA,
  AUTOCOMPLETE_VALUES_SCHEMA,
  DEL_SERIES_SCHEMA,
  FIND_SERIES_SCHEMA,
  TAG_DETAILS_SCHEMA,
  TAG_LIST_SCHEMA,
  TAG_MULTI_SERIES_SCHEMA,
  TAG_SERIES_SCHEMA,
  TAG_SHARED_SCHEMAS,
} from './tag-schema.js';

export interface TagRouteOptions {
  readonly tags: TagIndex;
  /** where /tags/tagSeries registers series (the index the engine registers new series in) */
  readonly index: Pick<MetricIndex, 'register'>;
  /** what /tags/delSeries removes series with: the storage engine, as `carbyne series delete` */
  readonly remover: SeriesRemover;
  readonly limits: TagLimits;
}

type Handler = (params: Params, reply: FastifyReply, req: FastifyRequest) => Promise<FastifyReply>;

/**
 * graphite-web's tag views answer their errors as `{"error": ...}` in json.dumps' text. Reads
 * of the tag index share the finds' places in flight, registrations and removals the HTTP
 * writes' (limits.concurrency).
 */
const READ = { errorBody: 'graphite-json', admission: 'find' } as const;
const WRITE = { errorBody: 'graphite-json', admission: 'ingest' } as const;

/**
 * graphite-web 1.1.8's tag API (graphite/tags/views.py): the same paths, methods, parameters,
 * answers and errors, from the tag index. Parameters come from the query string and, on a
 * POST, the form body too (Django's QueryDict, body values last).
 */
export const tagRoutes: FastifyPluginAsync<TagRouteOptions> = async (app, { tags, index, remover, limits }) => {
  addSharedSchemas(app, TAG_SHARED_SCHEMAS);

  /** Registers tagged series; plain names are answered but not indexed (they appear when written). */
  const register = async (metrics: readonly MetricName[]) => {
    const tagged = metrics.filter((m) => Object.keys(m.tags).length > 0);
    if (tagged.length > 0) await index.register(tagged);
  };

  const tagSeries: Handler = async (params, reply) => {
    const path = textParam(params, 'path');
    if (path === undefined) throw new PlainBadRequestError('no path specified');
    const [metric] = parsePaths([path]);
    await register([metric]);
    return sendTagJson(reply, params, displayName(metric));
  };

  const tagMultiSeries: Handler = async (params, reply) => {
    const paths = listParam(params, 'path');
    if (paths.length === 0) throw new PlainBadRequestError('no paths specified');
    const metrics = parsePaths(paths);
    await register(metrics);
    return sendTagJson(reply, params, metrics.map(displayName));
  };

  const delSeries: Handler = async (params, reply) => {
    const paths = listParam(params, 'path');
    if (paths.length === 0) throw new PlainBadRequestError('no path specified');
    await remover.removeSeries(parsePaths(paths));
    return sendTagJson(reply, params, true);
  };

  const findSeries: Handler = async (params, reply) => {
    const expressions = listParam(params, 'expr');
    if (expressions.length === 0) throw new PlainBadRequestError('no tag expressions specified');
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
    if (tag === undefined) throw new PlainBadRequestError('no tag specified');
    const { limit, cut } = autocompleteLimit(params);
    const values = await tags.tagValues(tag, { expressions, prefix: textParam(params, 'valuePrefix'), limit }, limits);
    return sendTagJson(reply, params, cut(values));
  };

  const tagList: Handler = async (params, reply) => {
    const rows = await tags.listTags(textParam(params, 'filter'), listLimit(params), limits);
    return sendTagJson(reply, params, rows.map((r) => ({ id: r.id, tag: r.tag })));
  };

  const tagDetails: Handler = async (params, reply, req) => {
    const tag = (req.params as { tag: string }).tag;
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

  /** The route for both methods; the one graphite-web does not take answers 405. */
  const route = (url: string, schema: { get: object; post: object }, takes: ReadonlyArray<'GET' | 'POST'>, handler: Handler, config: typeof READ | typeof WRITE = READ) => {
    const serve = async (req: FastifyRequest, reply: FastifyReply) =>
      takes.includes(req.method as 'GET' | 'POST') ? handler(Params.fromRequest(req), reply, req) : sendMethodNotAllowed(reply);
    app.get(url, { schema: schema.get, config }, serve);
    app.post(url, { schema: schema.post, config }, serve);
  };
  route('/tags/tagSeries', TAG_SERIES_SCHEMA, ['POST'], tagSeries, WRITE);
  route('/tags/tagMultiSeries', TAG_MULTI_SERIES_SCHEMA, ['POST'], tagMultiSeries, WRITE);
  route('/tags/delSeries', DEL_SERIES_SCHEMA, ['POST'], delSeries, WRITE);
  route('/tags/findSeries', FIND_SERIES_SCHEMA, ['GET', 'POST'], findSeries);
  route('/tags/autoComplete/tags', AUTOCOMPLETE_TAGS_SCHEMA, ['GET', 'POST'], autoCompleteTags);
  route('/tags/autoComplete/values', AUTOCOMPLETE_VALUES_SCHEMA, ['GET', 'POST'], autoCompleteValues);
  route('/tags', TAG_LIST_SCHEMA, ['GET'], tagList);
  route('/tags/:tag', TAG_DETAILS_SCHEMA, ['GET'], tagDetails);
};

/** graphite's TaggedSeries.parse of each path (its messages), and carbyne's checks of a storable name; tags in the order given. */
function parsePaths(paths: readonly string[]): MetricName[] {
  return paths.map((path) => {
    const parsed = parseMetricName(path, 'as-given');
    if (!parsed.ok) throw new PlainBadRequestError(parsed.reason);
    return parsed.metric;
  });
}
