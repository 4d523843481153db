import { OUTPUT_FORMATS } from '../render/formats/index.js';
import { GRAPH_TYPES } from '../render/graph/params.js';
import { binary, CLUSTER_READ_503, CLUSTER_READ_NOTE, ERRORS, JSONP, text } from './schema/answers.js';
import { graphiteForm, graphiteParams, param } from './schema/params.js';
import { ref, shared, type SharedSchema } from './schema/shared.js';

/**
 * The graph parameters (png, svg), graphite-web's with its defaults (docs/graphs.md): digits
 * are read as numbers and true/false as flags; `default` or empty is the default.
 */
const GRAPH_PARAMS = {
  graphType: param(`${GRAPH_TYPES.join(' or ')}; line by default (pie draws a pie whatever the format)`, 'line', 'pie'),
  width: param('pixels, 330 by default; width x height at most 16,000,000', '600'),
  height: param('pixels, 250 by default', '300'),
  margin: param('pixels, 10 by default', '20'),
  title: param('above the graph; newlines make lines', 'CPU'),
  vtitle: param('along the left axis', 'percent'),
  vtitleRight: param('along the right axis, with a second y axis', 'bytes'),
  bgcolor: param("background: graphite-web's colour names (blue is 6464ff) or RRGGBB[AA] hex; white by default", 'black', '202020'),
  fgcolor: param('text and axes; black by default', 'white'),
  majorGridLineColor: param('rose by default', 'grey'),
  minorGridLineColor: param('grey by default', 'white'),
  colorList: param('the series colours in turn; blue,green,red,purple,brown,yellow,aqua,grey,magenta,pink,gold,rose by default', 'red,green,blue'),
  fontName: param('DejaVu Sans, Serif or Sans Mono (bundled), chosen by the name; Sans by default', 'Serif'),
  fontSize: param('10 by default', '12'),
  fontBold: param('false by default', 'true'),
  fontItalic: param('false by default', 'true'),
  lineMode: param('slope (default), staircase or connected', 'staircase', 'connected'),
  connectedLimit: param('lineMode=connected: the longest gap (points) joined', '5'),
  lineWidth: param('1.2 by default; also `thickness`', '2'),
  areaMode: param('none (default), first, all or stacked', 'stacked', 'first'),
  areaAlpha: param('filled areas see-through, with a line on top', '0.5'),
  drawNullAsZero: param('false by default', 'true'),
  yMin: param('also `min`; yMinLeft/yMinRight with two y axes', '0'),
  yMax: param('a number or `max`; also `max`; yMaxLeft/yMaxRight with two y axes', '100'),
  yLimit: param('yLimitLeft/yLimitRight with two y axes', '90'),
  yStep: param('yStepLeft/yStepRight with two y axes', '10'),
  yDivisors: param('4,5,6 by default', '2,3'),
  yUnitSystem: param('si (default), binary, sec, msec or none', 'binary', 'none'),
  logBase: param('a number above 1, or e', '10'),
  minorY: param('minor grid lines between y labels, 1 by default', '2'),
  yAxisSide: param('left (default) or right', 'right'),
  leftColor: param('with a second y axis; also rightColor, leftWidth, rightWidth, leftDashed, rightDashed', 'blue'),
  hideLegend: param('hidden past 10 series by default', 'true'),
  hideAxes: param('false by default', 'true'),
  hideXAxis: param('false by default', 'true'),
  hideYAxis: param('false by default', 'true'),
  hideGrid: param('false by default', 'true'),
  hideNullFromLegend: param('false by default', 'true'),
  uniqueLegend: param('false by default', 'true'),
  graphOnly: param('no legend, axes, grid, title or margin; false by default', 'true'),
  minXStep: param('pixels between points, 1 by default; more points are consolidated', '2'),
  xFormat: param('strftime format of the time labels', '%H:%M'),
  template: param("a graph template of graphite-web's graphTemplates.conf; graphite-web as Debian ships it, and carbyne, draw every name as `default`", 'plain'),
  pieMode: param("graphType=pie: each series' value: average (default), maximum or minimum; `name:value` targets are slices as given", 'maximum'),
  valueLabels: param('graphType=pie: percent (default), number or none; also valueLabelsMin, valueLabelsColor, pieLabels=horizontal|rotated', 'number'),
};

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
  format: param(`the answer's format: png (when absent, as graphite-web), svg, ${OUTPUT_FORMATS.join(', ')}; pdf answers 400 (not drawn yet)`, 'json', ...OUTPUT_FORMATS.filter((f) => f !== 'json'), 'png', 'svg'),
  maxDataPoints: param('json: consolidate each series to at most this many points (digits; other values are ignored)', '100'),
  noNullPoints: param('json: present = leave out null points', '1'),
  jsonp: param('callback name; only with format json, dygraph, rickshaw or svg (the svg as a JSON string)', 'cb'),
  pretty: param('any non-empty value indents the JSON', '1'),
  xFilesFactor: param('a number in [0, 1]: the ratio of known points a consolidated point needs', '0.5'),
  cacheTimeout: param('whole seconds a client may cache the answer (`Cache-Control: max-age`); 60 by default, 0 = no-cache', '30'),
  noCache: param('present = `Cache-Control: no-cache`', '1'),
  local: param("`1`: this node's own data only (in a cluster, docs/cluster.md; federating front ends send it)", '1'),
  'template[name]': param('fills `$name` in template() targets (here a template called `name`)', 'web01'),
  rawData: param('legacy: present = format raw', '1'),
  pickle: param('legacy: present = format pickle', '1'),
  ...GRAPH_PARAMS,
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
  description: 'the graph (png, svg) or the series, in the asked format; gzipped when the client accepts it and the answer is large',
  content: {
    'image/png': { schema: binary('image/png', 'the graph, as graphite-web draws it') },
    'image/svg+xml': { schema: text("graphite-web's svg: a `graphite` group and a `metadata` script (time range, drawing area, y axis, series)") },
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
  description: "graphite-web 1.1.8's render API. Times use graphite-web's at-time grammar. With no `format` the answer is a png graph, as graphite-web draws it (docs/graphs.md)." + CLUSTER_READ_NOTE,
  querystring: ref(RENDER_PARAMS),
  'x-required-params': ['target'],
  response: {
    200: RENDER_ANSWER,
    400: ERRORS[400]('a bad parameter, target, function argument or time: `Invalid parameters (...)` naming it, and the targets once read'),
    413: ERRORS[413],
    422: ERRORS[422]('the request goes past a render cap (limits.render.maxSeries, maxPoints, timeoutMs)'),
    503: ERRORS[503](CLUSTER_READ_503),
  },
} as const;

export const RENDER_SCHEMA = {
  get: { summary: 'Series data for Graphite targets.', ...common },
  post: { summary: 'Series data for Graphite targets; parameters also in a form body (merged with the query string, body last), as Grafana sends them.', ...common, body: graphiteForm(ref(RENDER_PARAMS)) },
} as const;

/** The shared schemas of /render, for its plugin to add. */
export const RENDER_SHARED_SCHEMAS: readonly SharedSchema[] = [RENDER_PARAMS, RENDER_JSON];
