import { busy, ERRORS, JSON_ERROR, JSONP, text } from '../schema/answers.js';
import { graphiteForm, graphiteParams, param } from '../schema/params.js';
import { ref, shared } from '../schema/shared.js';

/** An event as /events/get_data lists it. */
const EVENT = shared('Event', {
  type: 'object',
  required: ['when', 'what', 'data', 'tags', 'id'],
  properties: {
    when: { type: 'integer', description: 'unix seconds (whole)' },
    what: { type: 'string' },
    data: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' }, description: 'the tag text as posted, split on whitespace' },
    id: { type: 'integer' },
  },
} as const);

export const EVENTS_SHARED_SCHEMAS = [EVENT];

const range = {
  from: param('graphite at-time (`-6h`, `now-1d`, `HH:MM_YYYYMMDD`, unix seconds); default the epoch', '-6h', '1795316580'),
  until: param('graphite at-time; default now', 'now'),
  tags: param(
    'tags separated by single spaces; only tags some event was ever given count. Without `set` an event must have every one',
    'deploy',
    'deploy prod',
  ),
  set: param('`union`: any of the tags; `intersection`: every one, and the event\'s answered tags must hold each requested word', 'union', 'intersection'),
};

const GET_DATA_PARAMS = graphiteParams({ ...range, jsonp: param('wrap the JSON in a call of this function (text/javascript)', 'cb') });

const EVENT_LIST = {
  description: 'the events with `from <= when <= until`, oldest first (ties by id); with jsonp `cb([...])`',
  content: {
    'application/json': { schema: { type: 'array', items: ref(EVENT) } },
    'text/javascript': { schema: JSONP },
  },
} as const;

const getDataCommon = {
  tags: ['graphite'],
  description:
    "graphite-web 1.1.8's /events/get_data, byte for byte: what Grafana's annotations read (`from=-6h&until=now&tags=a b`, or unix seconds). Always ASCII-escaped `application/json`; `text/javascript` with `jsonp`. from, until, tags and set are read from the query string only, as graphite-web reads them; jsonp from either.",
  response: {
    200: EVENT_LIST,
    400: ERRORS[400]('a bad from or until: `Invalid parameters (...)`'),
    422: ERRORS[422]('more events match than limits.events.maxResults'),
    503: ERRORS[503](busy('find')),
  },
};

export const GET_DATA_SCHEMA = {
  get: { ...getDataCommon, summary: 'Events in a time range (Grafana annotations).', querystring: GET_DATA_PARAMS },
  post: { ...getDataCommon, summary: 'The same; `jsonp` may come in a form body.', querystring: GET_DATA_PARAMS, body: graphiteForm(GET_DATA_PARAMS) },
} as const;

const html = (description: string, example?: string) => ({ description, content: { 'text/html': { schema: text(description, example) } } });
const EMPTY_HTML = { description: 'an empty body', content: { 'text/html': { schema: { type: 'string', maxLength: 0 } } } } as const;

export const EVENTS_PAGE_SCHEMA = {
  tags: ['graphite'],
  summary: "graphite-web's events page: a table of the events (time in UTC, title linking to the event, tags), or how to add one.",
  querystring: graphiteParams(range),
  response: {
    200: html('the page, as graphite-web renders it'),
    400: ERRORS[400]('a bad from or until: `Invalid parameters (...)`'),
    422: ERRORS[422]('more events match than limits.events.maxResults'),
    503: ERRORS[503](busy('find')),
  },
} as const;

const NEW_EVENT_EXAMPLE = { what: 'deploy web 1.2', tags: ['deploy', 'prod'], data: 'release notes', when: 1795316580 };

export const POST_EVENT_SCHEMA = {
  tags: ['graphite'],
  summary: 'Records an event, as graphite-web\'s `POST /events/`.',
  description:
    "The body is JSON whatever its content type (so `curl -d '{...}'` works). `what` is required; `what` and `data` that are not strings are kept as Python's str() of them (`2.0`, `{'a': 1}`), as graphite-web keeps them; `tags` is a list (joined by spaces) or a string, filed under django-tagging's reading of it (space- or comma-separated, double quotes group); `when` is unix seconds (default now). Answers an empty 200. Where graphite-web fails with a 500 (not JSON, not an object, no `what`, a null `data`, a `when` that is no number or out of range), carbyne answers 400 naming the problem.",
  body: {
    content: {
      'application/json': {
        schema: {
          // no type and nothing required: the route reads the body as graphite-web does and says what is wrong
          description:
            "a JSON object: `what` (required; anything, kept as Python's str() of it), `tags` (a list of tags, or a string of them), `data` (free text; anything, kept as Python's str() of it), `when` (unix seconds; default now)",
          examples: [NEW_EVENT_EXAMPLE, { what: 'restart', tags: 'ops db' }],
        },
      },
    },
  },
  response: {
    200: EMPTY_HTML,
    400: {
      description: 'graphite-web\'s own answer to a bad `tags`: `{"error": "\\"tags\\" must be an array or space-separated string"}` typed text/html; anything else: a text naming the problem',
      content: { 'text/html': { schema: text('graphite-web\'s JSON error text') }, 'text/plain': { schema: text('the problem') } },
    },
    413: { description: 'the body is larger than limits.events.maxBodyBytes', content: { 'text/plain': { schema: text('names the setting') } } },
    503: ERRORS[503](busy('ingest')),
  },
} as const;

export const EVENTS_OTHER_METHOD_SCHEMA = {
  tags: ['graphite'],
  summary: 'graphite-web answers every other method on /events/ with an empty 405.',
  response: { 405: { description: 'an empty body', content: { 'text/html': { schema: { type: 'string', maxLength: 0 } } } } },
} as const;

const EVENT_ID = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', description: "the event's id (digits; anything else is graphite-web's Not Found page)", examples: ['1'] } },
} as const;

export const EVENT_SCHEMA = {
  get: {
    tags: ['graphite'],
    summary: 'One event: JSON when the request sends exactly `Accept: application/json`, else graphite-web\'s HTML page.',
    params: EVENT_ID,
    querystring: graphiteParams({ pretty: param('JSON only: any non-empty value indents by 2 and sorts the keys', '1') }),
    response: {
      200: {
        description: '`{"id", "when": "2026-11-22T03:03:20.750Z", "what", "data", "tags": [...]}`, or the HTML page',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['id', 'when', 'what', 'data', 'tags'],
              properties: {
                id: { type: 'integer' },
                when: { type: 'string', description: 'ISO 8601 in UTC, milliseconds when not whole' },
                what: { type: 'string' },
                data: { type: 'string' },
                tags: { type: 'array', items: { type: 'string' } },
              },
            },
          },
          'text/html': { schema: text('the page') },
        },
      },
      404: {
        description: '`{"error": "Event matching query does not exist"}` (JSON), or Django\'s Not Found page',
        content: { 'application/json': { schema: JSON_ERROR }, 'text/html': { schema: text('the page') } },
      },
      503: ERRORS[503](busy('find')),
    },
  },
  delete: {
    tags: ['carbyne'],
    summary: "Deletes an event (carbyne's own; graphite-web 1.1.8 deletes through its admin pages).",
    description: "The id is never given again, and the event's tags stay known to tag queries, as in graphite-web.",
    params: EVENT_ID,
    response: {
      200: { description: 'deleted', content: { 'application/json': { schema: { type: 'object', required: ['deleted'], properties: { deleted: { type: 'integer' } } } } } },
      404: { description: 'no such event', content: { 'application/json': { schema: JSON_ERROR } } },
      503: ERRORS[503](busy('ingest')),
    },
  },
} as const;

export const ADMIN_DELETE_SCHEMA = {
  tags: ['graphite'],
  summary: "Deletes an event, as the graphite-web admin's delete confirmation form does.",
  description:
    "What a graphite-web user's script posts (`post=yes`, with Django's CSRF token and session) to delete an event through the admin pages. carbyne has no admin login: the form's fields are not read, and nothing is checked. Answers the admin's redirect: to the list of events, or to the admin's start page when there was no such event.",
  params: EVENT_ID,
  response: {
    302: { description: '`Location: /admin/events/event/` once deleted, `/admin/` when there was no such event', content: { 'text/html': { schema: { type: 'string', maxLength: 0 } } } },
    503: ERRORS[503](busy('ingest')),
  },
} as const;
