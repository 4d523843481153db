import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../lib/clock.js';
import { parsePythonJson, PyJsonError, type PyJsonValue } from '../../lib/python-json-parse.js';
import { pythonJsonDumps, type PythonJsonValue } from '../../lib/python-json.js';
import type { EventRecord, EventStore } from '../../events/event-store.js';
import { findEvents } from '../../events/event-query.js';
import { newEventFrom } from '../../events/new-event.js';
import { parseATTime } from '../../render/attime.js';
import { Params } from '../params.js';
import { addSharedSchemas } from '../schema/shared.js';
import { BadRequestError } from '../server/bad-request-error.js';
import { eventDetail, eventListEntry } from './event-json.js';
import { eventListPage, eventPage, NOT_FOUND_PAGE } from './event-pages.js';
import { ADMIN_DELETE_SCHEMA, EVENT_SCHEMA, EVENTS_OTHER_METHOD_SCHEMA, EVENTS_PAGE_SCHEMA, EVENTS_SHARED_SCHEMAS, GET_DATA_SCHEMA, POST_EVENT_SCHEMA } from './events-schema.js';

export interface EventRouteOptions {
  readonly events: EventStore;
  readonly clock: Clock;
  /** limits.events */
  readonly limits: { readonly maxResults: number; readonly maxBodyBytes: number };
}

const HTML = 'text/html; charset=utf-8';
/** graphite-web's TIME_ZONE for its at-time parameters */
const ZONE = 'UTC';
/** an id no event has (ids count up from 1 and stay far below it) */
const NO_ID = Number.MAX_SAFE_INTEGER;
const NOTHING = Buffer.alloc(0);

/**
 * graphite-web's events app: `POST /events/` (a JSON event), `GET /events/get_data` (the events
 * Grafana's annotations read), `GET /events/` (the list page) and `GET /events/<id>/` (one event,
 * as JSON with `Accept: application/json`), answered as graphite-web answers, byte for byte.
 * Deleting: `DELETE /events/<id>/`, and the admin's `POST /admin/events/event/<id>/delete/`,
 * which is how graphite-web users delete one. docs/events.md.
 */
export const eventRoutes: FastifyPluginAsync<EventRouteOptions> = async (app, opts) => {
  const { events, clock, limits } = opts;
  addSharedSchemas(app, EVENTS_SHARED_SCHEMAS);

  /** graphite-web's fetch(): from, until, tags and set from the query string alone */
  const query = (req: FastifyRequest): Promise<EventRecord[]> => {
    const params = Params.fromString(queryString(req));
    const nowSeconds = clock.nowSeconds();
    const from = params.get('from');
    const until = params.get('until');
    return findEvents(
      events,
      {
        from: from === undefined ? 0 : parseATTime(from, ZONE, nowSeconds),
        until: until === undefined ? clock.nowMs() / 1000 : parseATTime(until, ZONE, nowSeconds),
        tags: params.get('tags')?.split(' '),
        set: params.get('set'),
      },
      limits.maxResults,
    );
  };

  const getData = async (req: FastifyRequest, reply: FastifyReply) => {
    const text = pythonJsonDumps((await query(req)).map(eventListEntry));
    // jsonp may come in a form body too: graphite-web merges POST into the query for it
    const jsonp = Params.fromRequest(req).get('jsonp');
    if (jsonp !== undefined) return reply.type('text/javascript').send(Buffer.from(`${jsonp}(${text})`));
    return reply.type('application/json').send(Buffer.from(text));
  };
  // reads of events share the finds' places in flight, writes the HTTP writes' (limits.concurrency)
  const read = { admission: 'find' } as const;
  app.get('/events/get_data', { schema: GET_DATA_SCHEMA.get, config: read }, getData);
  app.post('/events/get_data', { schema: GET_DATA_SCHEMA.post, config: read }, getData);

  app.get('/events', { schema: EVENTS_PAGE_SCHEMA, config: read }, async (req, reply) => {
    const page = eventListPage(await query(req), req.headers.host ?? '');
    return reply.type(HTML).send(Buffer.from(page));
  });

  // graphite-web reads an event's body raw, whatever its type (curl -d sends JSON as a form)
  await app.register(rawBodyRoutes, opts);

  app.get<{ Params: { id: string } }>('/events/:id', { schema: EVENT_SCHEMA.get, config: read }, async (req, reply) => {
    const id = eventId(req.params.id);
    const e = id === null ? undefined : await events.get(id);
    if (req.headers.accept === 'application/json') {
      const pretty = (Params.fromString(queryString(req)).get('pretty') ?? '') !== '';
      const value: Record<string, PythonJsonValue> = e === undefined ? { error: 'Event matching query does not exist' } : eventDetail(e);
      const json = pythonJsonDumps(pretty ? sortedKeys(value) : value, { indent: pretty ? 2 : undefined });
      return reply.code(e === undefined ? 404 : 200).type('application/json').send(Buffer.from(json));
    }
    if (e === undefined) return reply.code(404).type('text/html').send(Buffer.from(NOT_FOUND_PAGE));
    return reply.type(HTML).send(Buffer.from(eventPage(e)));
  });

  app.delete<{ Params: { id: string } }>('/events/:id', { schema: EVENT_SCHEMA.delete, config: { admission: 'ingest' } }, async (req, reply) => {
    const id = eventId(req.params.id);
    if (id === null || !(await events.delete(id))) return reply.code(404).send({ error: 'Event matching query does not exist' });
    return { deleted: id };
  });
};

/** The routes that read a body as bytes (the app's form parsing left out). */
async function rawBodyRoutes(app: FastifyInstance, { events, clock, limits }: EventRouteOptions): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limits.maxBodyBytes }, (_req, body, done) => done(null, body));
  const config = { bodyLimitSetting: 'limits.events.maxBodyBytes' } as const;
  const write = { ...config, admission: 'ingest' } as const;

  app.post('/events', { schema: POST_EVENT_SCHEMA, config: write }, async (req, reply) => {
    await events.add(newEventFrom(parseBody(req), clock.nowMs() / 1000));
    return reply.type(HTML).send(NOTHING);
  });

  // graphite-web answers any other method on /events/ with an empty 405
  const notAllowed = async (_req: FastifyRequest, reply: FastifyReply) => reply.code(405).type(HTML).send(NOTHING);
  for (const method of ['PUT', 'PATCH', 'DELETE'] as const) app.route({ method, url: '/events', schema: EVENTS_OTHER_METHOD_SCHEMA, config, handler: notAllowed });

  // the Django admin's delete confirmation form posts here; it then sends the browser to the
  // list of events (or, for an event that does not exist, to the admin's start page)
  app.post<{ Params: { id: string } }>('/admin/events/event/:id/delete', { schema: ADMIN_DELETE_SCHEMA, config: write }, async (req, reply) => {
    const id = eventId(req.params.id);
    const deleted = id !== null && (await events.delete(id));
    return reply
      .code(302)
      .header('location', deleted ? '/admin/events/event/' : '/admin/')
      .type(HTML)
      .send(NOTHING);
  });
}

/** The body as Python's json.loads reads it. */
function parseBody(req: FastifyRequest): PyJsonValue {
  try {
    return parsePythonJson(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
  } catch (err) {
    if (err instanceof PyJsonError) throw new BadRequestError(`the body is not valid JSON: ${err.message}`);
    throw err;
  }
}

function queryString(req: FastifyRequest): string {
  const q = req.url.indexOf('?');
  return q < 0 ? '' : req.url.slice(q + 1);
}

/** An id from the URL's digits (null when it is not digits: graphite-web's URL does not match); one no event has when too long. */
function eventId(text: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : NO_ID;
}

function sortedKeys(o: Record<string, PythonJsonValue>): Record<string, PythonJsonValue> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
