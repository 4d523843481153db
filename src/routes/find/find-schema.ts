import { binary, CLUSTER_READ_503, CLUSTER_READ_NOTE, ERRORS, JSONP } from '../schema/answers.js';
import { graphiteForm, graphiteParams, param, type ParamsSchema } from '../schema/params.js';
import { ref, shared, type SharedSchema } from '../schema/shared.js';
import { FIND_FORMATS } from './find-params.js';

const jsonp = param('wrap the JSON answer in a call of this function (text/javascript)', 'cb');
const pretty = param('any non-empty value indents the JSON answer by 2', '1');
const local = param("a non-zero integer: this node's own data only (in a cluster, docs/cluster.md: what graphite-web front ends send); validated as a Python int", '0', '1');

const FIND_PARAMS = shared('FindParams', graphiteParams({
  query: param('a Graphite glob: `*`, `?`, `[a-z]`, `[!a-z]`, `{a,b}`, matched one path element at a time. Required (here or in the body)', 'servers.*', 'servers.web01.cpu.*', 'servers.{web01,db01}.cpu.user'),
  format: param(`the answer's format: ${FIND_FORMATS.join(', ')}; treejson when absent`, ...FIND_FORMATS),
  wildcards: param('a Python int; not 0: treejson and completer add a `*` entry when more than one node matches', '1'),
  leavesOnly: param('a Python int; not 0: only leaves (series)', '1'),
  local,
  position: param('nodelist: which path element to list, negative from the end; -1 by default', '1', '-2'),
  from: param('at-time (`-6h`, epoch seconds, `now`); `-1` is unset', '-1d', '-1'),
  until: param('at-time; `-1` is unset', 'now'),
  now: param('the at-time from and until are relative to; the clock by default', 'now'),
  tz: param('IANA zone for absolute times; unknown names are ignored', 'UTC', 'Europe/London'),
  automatic_variants: param('a Python int; completer: a path element with commas becomes a brace group', '1'),
  jsonp,
  pretty,
}));

const treeNode = {
  type: 'object',
  required: ['text', 'id', 'allowChildren', 'expandable', 'leaf'],
  properties: {
    text: { type: 'string' },
    id: { type: 'string', description: 'the query up to its last dot, then the node name' },
    allowChildren: { type: 'integer', enum: [0, 1] },
    expandable: { type: 'integer', enum: [0, 1] },
    leaf: { type: 'integer', enum: [0, 1] },
  },
} as const;

const FIND_JSON = shared('FindJson', {
  description: 'the answer of the json formats: treejson, completer, json or nodelist',
  anyOf: [
    { title: 'treejson', type: 'array', items: treeNode },
    {
      title: 'completer',
      type: 'object',
      required: ['metrics'],
      properties: {
        metrics: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name'],
            properties: { path: { type: 'string', description: 'a branch ends with a dot' }, name: { type: 'string' }, is_leaf: { type: 'string', enum: ['0', '1'] } },
          },
        },
      },
    },
    {
      title: 'json',
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'is_leaf'],
        properties: {
          path: { type: 'string' },
          is_leaf: { type: 'boolean' },
          intervals: { type: 'array', items: { type: 'object', required: ['start', 'end'], properties: { start: { type: 'number' }, end: { type: 'number' } } } },
        },
      },
    },
    { title: 'nodelist', type: 'object', required: ['nodes'], properties: { nodes: { type: 'array', items: { type: 'string' } } } },
  ],
} as const);

const FIND_ANSWER = {
  description:
    'the matched nodes sorted by name, in the asked format. JSON is `application/json` (ASCII-escaped) with no Accept header or exactly `Accept: application/json`, else `application/json;charset=utf-8`. Never to be cached (`Pragma: no-cache`, `Cache-Control: no-cache`).',
  content: {
    'application/json': { schema: ref(FIND_JSON) },
    'text/javascript': { schema: JSONP },
    'application/pickle': { schema: binary('application/pickle', "[{'path', 'is_leaf', 'intervals'}], intervals as graphite.intervals objects: what graphite-web's federating front ends read") },
    'application/x-msgpack': { schema: binary('application/x-msgpack', '[{path, is_leaf, intervals: [[start, end]]}], intervals on leaves only') },
  },
} as const;

const TOO_COSTLY = ERRORS[422]('the find matched more than limits.find.maxNodes nodes, or ran longer than limits.find.timeoutMs');

/** A route of the find API: GET with parameters in the query string, POST also in the body. */
function findRoute(summary: string, description: string, params: ParamsSchema & SharedSchema, required: readonly string[], ok: object) {
  const common = { tags: ['graphite'], description: description + CLUSTER_READ_NOTE, querystring: ref(params), 'x-required-params': required, response: { 200: ok, 400: ERRORS[400]('a bad parameter: `Invalid parameters (...)`, text/html as graphite-web writes it; an unknown format or a glob too costly to evaluate: text/plain'), 413: ERRORS[413], 422: TOO_COSTLY, 503: ERRORS[503](CLUSTER_READ_503) } };
  return {
    get: { summary, ...common },
    post: { summary: `${summary} Parameters also in a form body.`, ...common, body: graphiteForm(ref(params)) },
  };
}

const EXPAND_PARAMS = shared('ExpandParams', graphiteParams({
  query: param('a Graphite glob; repeat it for several (`query[]` also works). Required (here or in the body)', 'servers.*.cpu', 'servers.web0*'),
  groupByExpr: param('a Python int; not 0: the paths keyed by the query that matched them', '1'),
  leavesOnly: param('a Python int; not 0: only leaves', '1'),
  local,
  jsonp,
  pretty,
}));

const INDEX_JSON_PARAMS = shared('IndexJsonParams', graphiteParams({ local, jsonp, pretty }));

export const FIND_SCHEMA = findRoute(
  "Nodes matching a Graphite glob, one tree level per element (graphite-web's find_view).",
  "Grafana's query editor and template variables call it; `/metrics` is the same route.",
  FIND_PARAMS,
  ['query'],
  FIND_ANSWER,
);

export const EXPAND_SCHEMA = findRoute(
  'The leaf and branch paths each query expands to.',
  'A sorted union of every query’s paths, or keyed by query with `groupByExpr`.',
  EXPAND_PARAMS,
  ['query'],
  {
    description: '`{"results": [path, ...]}`, or `{"results": {query: [path, ...]}}` with groupByExpr; never to be cached',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['results'],
          properties: { results: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } }] } },
        },
      },
      'text/javascript': { schema: JSONP },
    },
  },
);

export const INDEX_JSON_SCHEMA = findRoute(
  'Every series path, sorted (tagged series under `_tagged.`, as graphite-web lists them).',
  'Bounded by limits.find.timeoutMs.',
  INDEX_JSON_PARAMS,
  [],
  {
    description: 'a JSON array of paths',
    content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } }, 'text/javascript': { schema: JSONP } },
  },
);

/** The shared schemas of the find routes, for their plugin to add. */
export const FIND_SHARED_SCHEMAS: readonly SharedSchema[] = [FIND_PARAMS, EXPAND_PARAMS, INDEX_JSON_PARAMS, FIND_JSON];
