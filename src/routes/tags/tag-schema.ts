import { graphiteForm, graphiteParams, param, type ParamsSchema } from '../schema/params.js';
import { busy } from '../schema/answers.js';
import { ref, shared, type SharedSchema } from '../schema/shared.js';

/**
 * The schemas of graphite-web's tag API (docs/tags.md). Every answer, the errors included, is
 * Python's json.dumps text as graphite-web's views write it: `application/json`, ASCII-escaped.
 */

const pretty = param('any non-empty value indents the JSON answer by 2 and sorts its keys', '1');
const expr = param(
  'a tag expression: `tag=value`, `tag!=value`, `tag=~regex`, `tag!=~regex` (regexes anchored at the start); an expression an empty value satisfies (`host!=web02`, `rack=`) also matches series without the tag, and at least one must not; repeat it, the expressions are ANDed',
  'dc=eu',
  'name=~disk.*',
  'host!=',
);
const exprBrackets = param("jQuery's form of `expr`, read only when there is no `expr`", 'dc=us');
const limit = param('a Python int: the first this many answers (100 when absent); 0 gives none, a negative one that many fewer from the end', '2', '0', '-1');
const ignoredRange = param('what Grafana sends; ignored, as graphite-web ignores it', '-6h');
const path = param('a series, `name;tag=value;...` (or `name{tag="value",...}`); repeat it for several', 'disk.used;host=web01;dc=eu');
const pathBrackets = param("jQuery's form of `path`, read only when there is no `path`", 'cpu.load;dc=eu;host=web01');

const STRINGS = { type: 'array', items: { type: 'string' } } as const;

const TAG_ERROR = shared('TagError', {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string', description: "the problem, in graphite-web's words where it has them" } },
} as const);

const json = (description: string, schema: object) => ({ description, content: { 'application/json': { schema } } });
const BAD_REQUEST = json('a missing parameter, an invalid tag expression or regex, a limit that is not an int, a series name graphite cannot parse', ref(TAG_ERROR));
const TOO_COSTLY = json('the request went past limits.tags (series named, values tested by regexes, time); the message names the setting', ref(TAG_ERROR));
const NOT_ALLOWED = { description: 'graphite-web takes the other method here: an empty answer' };
/** reads of the tag index count against the finds' places in flight, registrations and removals against the HTTP writes' */
const BUSY_READ = json(busy('find'), ref(TAG_ERROR));
const BUSY_WRITE = json(busy('ingest'), ref(TAG_ERROR));

/** A route of the tag API answered for GET and POST (parameters in the query string, on a POST also the form body). */
function both(summary: string, description: string, params: ParamsSchema & SharedSchema, required: readonly string[], ok: object) {
  const common = { tags: ['graphite'], description, querystring: ref(params), 'x-required-params': required, response: { 200: ok, 400: BAD_REQUEST, 422: TOO_COSTLY, 503: BUSY_READ } };
  return {
    get: { summary, ...common },
    post: { summary: `${summary} Parameters also in a form body.`, ...common, body: graphiteForm(ref(params)) },
  };
}

/** A route graphite-web takes with one method only: the other answers 405. */
function only(method: 'get' | 'post', summary: string, description: string, params: ParamsSchema & SharedSchema, required: readonly string[], ok: object) {
  const taken = { summary, tags: ['graphite'], description, querystring: ref(params), 'x-required-params': required, response: { 200: ok, 400: BAD_REQUEST, 422: TOO_COSTLY, 503: method === 'post' ? BUSY_WRITE : BUSY_READ } };
  // graphite-web's 405 for the other method: answered, not part of the documented API
  const refused = { hide: true, response: { 405: NOT_ALLOWED } };
  return method === 'post' ? { post: { ...taken, body: graphiteForm(ref(params)) }, get: refused } : { get: taken, post: refused };
}

const FIND_SERIES_PARAMS = shared('TagFindSeriesParams', graphiteParams({ expr, 'expr[]': exprBrackets, pretty }));
const AUTOCOMPLETE_TAGS_PARAMS = shared(
  'TagAutocompleteParams',
  graphiteParams({ expr, 'expr[]': exprBrackets, tagPrefix: param('only tags starting with this', 'h', 'd'), limit, from: ignoredRange, until: ignoredRange, pretty }),
);
const AUTOCOMPLETE_VALUES_PARAMS = shared(
  'TagValuesParams',
  graphiteParams({
    tag: param('the tag whose values are listed. Required', 'host', 'dc', 'name'),
    expr,
    'expr[]': exprBrackets,
    valuePrefix: param('only values starting with this', 'web', 'e'),
    limit,
    from: ignoredRange,
    until: ignoredRange,
    pretty,
  }),
);
const REGISTER_PARAMS = shared('TagRegisterParams', graphiteParams({ path, 'path[]': pathBrackets, pretty }));
const LIST_PARAMS = shared(
  'TagListParams',
  graphiteParams({
    filter: param('a Python regex anchored at the start (unless it starts with `^`)', 'd', '^h', 'dc|env'),
    limit: param('at most this many (a negative one: all; 0: none)', '2', '-1'),
    pretty,
  }),
);

export const FIND_SERIES_SCHEMA = both(
  'The tagged series matching every tag expression: what seriesByTag looks up.',
  'An expression an empty value satisfies also matches series without the tag; at least one must not. Sorted by code point.',
  FIND_SERIES_PARAMS,
  ['expr'],
  json('display names, tags in graphite\'s order: `["cpu.load;dc=eu;host=web01"]`', STRINGS),
);

export const AUTOCOMPLETE_TAGS_SCHEMA = both(
  "Tag names for Grafana's tag editor.",
  'Without expressions every tag ever registered (one stays after its last series goes); with expressions the tags of the series they match, without the tags they name. Sorted.',
  AUTOCOMPLETE_TAGS_PARAMS,
  [],
  json('tag names: `["dc", "host", "name"]`', STRINGS),
);

export const AUTOCOMPLETE_VALUES_SCHEMA = both(
  "The values of one tag for Grafana's tag editor.",
  "The values the tag has among the series the expressions match (all series without expressions). Sorted.",
  AUTOCOMPLETE_VALUES_PARAMS,
  ['tag'],
  json('values: `["eu", "us"]`', STRINGS),
);

export const TAG_SERIES_SCHEMA = only(
  'post',
  'Registers one tagged series in the tag index (carbon calls it for each new series).',
  'Answers the name normalised as carbon does (tags sorted, a repeated tag\'s last value, a `name` tag replaced by the metric, a leading `~` removed). The series is findable by tag, and under `_tagged` in finds, before any point arrives; a plain name is answered but not indexed.',
  REGISTER_PARAMS,
  ['path'],
  json('the normalised name, a JSON string', { type: 'string' }),
);

export const TAG_MULTI_SERIES_SCHEMA = only(
  'post',
  'Registers several tagged series, as tagSeries does each.',
  'Every `path` (else every `path[]`); all are checked before any is registered.',
  REGISTER_PARAMS,
  ['path'],
  json('the normalised names, in order', STRINGS),
);

export const DEL_SERIES_SCHEMA = only(
  'post',
  'Removes series for good: the removal of `carbyne series delete`.',
  'Each `path` (else `path[]`) names one series exactly, tagged or plain; it loses its points, registry record and index entries. Unknown paths are ignored.',
  REGISTER_PARAMS,
  ['path'],
  json('`true`', { type: 'boolean' }),
);

const TAG_ROW = { type: 'object', required: ['id', 'tag'], properties: { id: { type: 'integer', description: 'the id graphite-web\'s tag database would give' }, tag: { type: 'string' } } } as const;

export const TAG_LIST_SCHEMA = only(
  'get',
  'Every tag ever registered, with graphite-web\'s ids.',
  'A tag stays listed after its last series goes, as in graphite-web. Sorted by tag.',
  LIST_PARAMS,
  [],
  json('`[{"id": 2, "tag": "dc"}, ...]`', { type: 'array', items: TAG_ROW }),
);

const TAG_PATH_PARAM = { type: 'object', required: ['tag'], properties: { tag: { type: 'string', description: 'the tag (a `/` in it percent-encoded)', examples: ['dc', 'host', 'name'] } } } as const;

const details = only(
  'get',
  'One tag and its values, with the number of series holding each.',
  '`null` for a tag never registered; a tag whose series are all gone has no values. `filter` and `limit` apply to the values.',
  LIST_PARAMS,
  [],
  json('`{"id": 2, "tag": "dc", "values": [{"id": 4, "value": "eu", "count": 3}]}`, or `null`', {
    anyOf: [
      { type: 'null' },
      {
        type: 'object',
        required: ['id', 'tag', 'values'],
        properties: {
          id: { type: 'integer' },
          tag: { type: 'string' },
          values: { type: 'array', items: { type: 'object', required: ['id', 'value', 'count'], properties: { id: { type: 'integer' }, value: { type: 'string' }, count: { type: 'integer' } } } },
        },
      },
    ],
  }),
);

export const TAG_DETAILS_SCHEMA = { get: { ...details.get, params: TAG_PATH_PARAM }, post: { ...details.post, params: TAG_PATH_PARAM } };

/** The shared schemas of the tag routes, for their plugin to add. */
export const TAG_SHARED_SCHEMAS: readonly SharedSchema[] = [TAG_ERROR, FIND_SERIES_PARAMS, AUTOCOMPLETE_TAGS_PARAMS, AUTOCOMPLETE_VALUES_PARAMS, REGISTER_PARAMS, LIST_PARAMS];
