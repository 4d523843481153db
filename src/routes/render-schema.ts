import { OUTPUT_FORMATS } from '../render/formats/index.js';
import { binary, ERRORS, JSONP, text } from './schema/answers.js';
import { graphiteForm, graphiteParams, param } from './schema/params.js';
import { ref, shared, type SharedSchema } from './schema/shared.js';

const RENDER_PARAMS = shared('RenderParams', graphiteParams({
  target: param(
    "a target in graphite-web's grammar (paths with globs, function calls, pipes, template()); repeat it for several (`target[]` also works). Required (here or in the body)",
    'servers.web01.cpu.user',
    'servers.*.cpu.user',
    'sumSeries(servers.*.cpu.user)',
    'aliasByNode(servers.*.cpu.user, 1)',
  ),
  from: param('at-time: `-1h`, `-2d`, `midnight`, `20:00_20261121`, epoch seconds...; -1d by default', '-1h', '-6h'),
  until: param('at-time; now by default', 'now', '-5min'),
  now: param('the at-time relative times count from; the clock by default', '1795316580'),
  tz: param('IANA zone for absolute times and csv; unknown names are ignored', 'UTC', 'Europe/Berlin'),
  format: param(`the answer's format: ${OUTPUT_FORMATS.join(', ')}; json when absent (graphite-web draws a png)`, ...OUTPUT_FORMATS),
  maxDataPoints: param('json: consolidate each series to at most this many points (digits; other values are ignored)', '100'),
  noNullPoints: param('json: present = leave out null points', '1'),
  jsonp: param('callback name; only with format json, dygraph or rickshaw', 'cb'),
  pretty: param('any non-empty value indents the JSON', '1'),
  xFilesFactor: param('a number in [0, 1]: the ratio of known points a consolidated point needs', '0.5'),
  cacheTimeout: param('whole seconds a client may cache the answer (`Cache-Control: max-age`); 60 by default, 0 = no-cache', '30'),
  noCache: param('present = `Cache-Control: no-cache`', '1'),
  local: param('`1`: this node only (federating front ends send it)', '1'),
  'template[name]': param('fills `$name` in template() targets (here a template called `name`)', 'web01'),
  rawData: param('legacy: present = format raw', '1'),
  pickle: param('legacy: present = format pickle', '1'),
}));

const datapoint = {
  type: 'array',
  minItems: 2,
  maxItems: 2,
  items: { type: ['number', 'null'] },
  description: '[value or null, timestamp]',
} as const;

const RENDER_JSON = shared('RenderJson', {
  description: 'the answer of the json formats: json, dygraph, rickshaw',
  anyOf: [
    {
      title: 'json',
      type: 'array',
      items: {
        type: 'object',
        required: ['target', 'tags', 'datapoints'],
        properties: {
          target: { type: 'string' },
          tags: { type: 'object', additionalProperties: { type: 'string' }, description: 'always holds name' },
          datapoints: { type: 'array', items: datapoint },
        },
      },
    },
    {
      title: 'dygraph',
      type: 'object',
      required: ['labels', 'data'],
      properties: {
        labels: { type: 'array', items: { type: 'string' }, description: 'Time, then the series names' },
        data: { type: 'array', items: { type: 'array', items: { type: ['number', 'null'] } }, description: 'rows: a timestamp in ms, then one value per series' },
      },
    },
    {
      title: 'rickshaw',
      type: 'array',
      items: {
        type: 'object',
        required: ['target', 'datapoints'],
        properties: {
          target: { type: 'string' },
          datapoints: { type: 'array', items: { type: 'object', required: ['x', 'y'], properties: { x: { type: 'integer' }, y: { type: ['number', 'null'] } } } },
        },
      },
    },
  ],
} as const);

const RENDER_ANSWER = {
  description: 'the series in the asked format, gzipped when the client accepts it and the answer is large',
  content: {
    'application/json': { schema: ref(RENDER_JSON) },
    'text/javascript': { schema: JSONP },
    'text/csv': { schema: text('one `name,time,value` row per point, CRLF-ended', 'servers.web01.cpu.user,2026-11-22 02:00:10,46.189\r\n') },
    'text/plain': { schema: text('raw: `name,start,end,step|v1,v2,...` per series', 'servers.web01.cpu.user,1795312990,1795316590,10|58.513,None\n') },
    'application/pickle': { schema: binary('application/pickle', "[{'name', 'start', 'end', 'step', 'values', ...}] as graphite-web's federating front ends read it") },
    'application/x-msgpack': { schema: binary('application/x-msgpack', '[{name, start, end, step, values, ...}]') },
  },
} as const;

const common = {
  tags: ['graphite'],
  description: "graphite-web 1.1.8's render API. Times use graphite-web's at-time grammar.",
  querystring: ref(RENDER_PARAMS),
  'x-required-params': ['target'],
  response: {
    200: RENDER_ANSWER,
    400: ERRORS[400]('a bad parameter, target, function argument or time: `Invalid parameters (...)` naming it, and the targets once read'),
    413: ERRORS[413],
    422: ERRORS[422]('the request goes past a render cap (limits.render.maxSeries, maxPoints, timeoutMs)'),
  },
} as const;

export const RENDER_SCHEMA = {
  get: { summary: 'Series data for Graphite targets.', ...common },
  post: { summary: 'Series data for Graphite targets; parameters also in a form body (merged with the query string, body last), as Grafana sends them.', ...common, body: graphiteForm(ref(RENDER_PARAMS)) },
} as const;

/** The shared schemas of /render, for its plugin to add. */
export const RENDER_SHARED_SCHEMAS: readonly SharedSchema[] = [RENDER_PARAMS, RENDER_JSON];
