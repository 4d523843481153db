import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../lib/clock.js';
import { parsePythonJson, PyJsonError } from '../../lib/python-json-parse.js';
import { pythonJsonDumps } from '../../lib/python-json.js';
import type { EventStore } from '../../events/event-store.js';
import { findEvents, TooManyEventsError } from '../../events/event-query.js';
import { EventInputError, newEventFrom } from '../../events/new-event.js';
import { parseATTime } from '../../render/attime.js';
import { InputError } from '../../render/function-types.js';
import { sendTextError } from '../graphite-response.js';
import { Params } from '../params.js';
import { eventDetail, eventListEntry } from './event-json.js';
import { eventListPage, eventPage, NOT_FOUND_PAGE } from './event-pages.js';

export interface EventRoutesOptions {
  readonly events: EventStore;
  readonly clock: Clock;
  /** limits.events */
  readonly limits: { readonly maxResults: number; readonly maxBodyBytes: number };
}

const HTML = 'text/html; charset=utf-8';
/** graphite-web's TIME_ZONE for its at-time parameters */
const ZONE = 'UTC';
/** the first id nothing could be stored under */
const MAX_ID = Number.MAX_SAFE_INTEGER;

/**
 * graphite-web's events app: `POST /events/` (a JSON event), `GET /events/get_data` (the events
 * Grafana's annotations read), `GET /events/` (the list page) and `GET /events/<id>/` (one event,
 * as JSON with `Accept: application/json`). Deleting: `DELETE /events/<id>/`, and the admin's
 * `POST /admin/events/event/<id>/delete/`, which is how graphite-web users delete one.
 */
export function eventRoutes(opts: EventRoutesOptions) {
  const { events, clock, limits } = opts;
  return async (app: FastifyInstance): Promise<void> => {
    // graphite-web reads the raw body whatever its type (curl -d sends JSON as a form)
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limits.maxBodyBytes }, (_req, body, done) => done(null, body));
    app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
      const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status === 500) req.log.error({ err }, 'events request failed');
      const message = status === 413 ? `body larger than the limit (limits.events.maxBodyBytes: ${limits.maxBodyBytes} bytes)` : status === 500 ? 'events request failed' : err.message;
      return sendTextError(reply, status, message);
    });

    /** the events of graphite-web's fetch(): from/until/tags/set of the query string */
    const query = async (req: FastifyRequest, reply: FastifyReply) => {
      const params = queryParams(req);
      const nowSeconds = clock.nowSeconds();
      try {
        const from = params.get('from');
        const until = params.get('until');
        const tags = params.get('tags');
        return await findEvents(
          events,
          {
            from: from === undefined ? 0 : parseATTime(from, ZONE, nowSeconds),
            until: until === undefined ? clock.nowMs() / 1000 : parseATTime(until, ZONE, nowSeconds),
            tags: tags?.split(' '),
            set: params.get('set'),
          },
          limits.maxResults,
        );
      } catch (err) {
        if (err instanceof InputError) sendTextError(reply, 400, `Invalid parameters (${err.message})`);
        else if (err instanceof TooManyEventsError) sendTextError(reply, 422, err.message);
        else throw err;
        return null;
      }
    };

    const getData = async (req: FastifyRequest, reply: FastifyReply) => {
      const found = await query(req, reply);
      if (found === null) return reply;
      const text = pythonJsonDumps(found.map(eventListEntry));
      // jsonp may come in a form body too (graphite-web merges POST into the query for it)
      const jsonp = withFormBody(req).get('jsonp');
      if (jsonp !== undefined) return reply.type('text/javascript').send(Buffer.from(`${jsonp}(${text})`));
      return reply.type('application/json').send(Buffer.from(text));
    };
    app.get('/events/get_data', getData);
    app.post('/events/get_data', getData);

    app.get('/events', async (req, reply) => {
      const found = await query(req, reply);
      if (found === null) return reply;
      return reply.type(HTML).send(Buffer.from(eventListPage(found, req.headers.host ?? '')));
    });

    app.post('/events', async (req, reply) => {
      let body;
      try {
        body = parsePythonJson(bodyText(req));
      } catch (err) {
        if (err instanceof PyJsonError) return sendTextError(reply, 400, `the body is not valid JSON: ${err.message}`);
        throw err;
      }
      try {
        await events.add(newEventFrom(body, clock.nowMs() / 1000));
      } catch (err) {
        if (!(err instanceof EventInputError)) throw err;
        if (err.graphiteBody !== undefined) return reply.code(400).type(HTML).send(Buffer.from(err.graphiteBody));
        return sendTextError(reply, 400, err.message);
      }
      return reply.type(HTML).send(Buffer.alloc(0));
    });

    // graphite-web answers any other method on /events/ with an empty 405
    app.route({ method: ['PUT', 'PATCH', 'DELETE'], url: '/events', handler: async (_req, reply) => reply.code(405).type(HTML).send(Buffer.alloc(0)) });

    app.get<{ Params: { id: string } }>('/events/:id', async (req, reply) => {
      const id = eventId(req.params.id);
      if (id === null) return reply.code(404).type('text/html').send(Buffer.from(NOT_FOUND_PAGE));
      const e = await events.get(id);
      if (req.headers.accept === 'application/json') {
        const pretty = (queryParams(req).get('pretty') ?? '') !== '';
        if (e === undefined) return reply.code(404).type('application/json').send(Buffer.from(pythonJsonDumps({ error: 'Event matching query does not exist' }, { indent: pretty ? 2 : undefined })));
        const detail = eventDetail(e);
        const value = pretty ? sortedKeys(detail as Record<string, never>) : detail;
        return reply.type('application/json').send(Buffer.from(pythonJsonDumps(value, { indent: pretty ? 2 : undefined })));
      }
      if (e === undefined) return reply.code(404).type('text/html').send(Buffer.from(NOT_FOUND_PAGE));
      return reply.type(HTML).send(Buffer.from(eventPage(e)));
    });

    app.delete<{ Params: { id: string } }>('/events/:id', async (req, reply) => {
      const id = eventId(req.params.id);
      if (id === null || !(await events.delete(id))) return reply.code(404).send({ error: 'Event matching query does not exist' });
      return { deleted: id };
    });

    // the Django admin's delete confirmation form posts here; it then sends the browser to the
    // list of events (or, for an event that does not exist, to the admin's start page)
    app.post<{ Params: { id: string } }>('/admin/events/event/:id/delete', async (req, reply) => {
      const id = eventId(req.params.id);
      const deleted = id !== null && (await events.delete(id));
      return reply
        .code(302)
        .header('location', deleted ? '/admin/events/event/' : '/admin/')
        .type(HTML)
        .send(Buffer.alloc(0));
    });
  };
}

/** The query string alone (graphite-web's fetch reads request.GET). */
function queryParams(req: FastifyRequest): Params {
  const q = req.url.indexOf('?');
  return Params.fromString(q < 0 ? '' : req.url.slice(q + 1));
}

/** The query string and a form-encoded body, as Django's request.GET updated with request.POST. */
function withFormBody(req: FastifyRequest): Params {
  const q = req.url.indexOf('?');
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const form = type === 'application/x-www-form-urlencoded' && Buffer.isBuffer(req.body) ? `&${req.body.toString('utf8')}` : '';
  return Params.fromString((q < 0 ? '' : req.url.slice(q + 1)) + form);
}

function bodyText(req: FastifyRequest): string {
  return Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
}

/** An id from the URL's digits (null when it is not digits: graphite-web's URL does not match); one no event has when too long. */
function eventId(text: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : MAX_ID;
}

function sortedKeys(o: Record<string, never>): Record<string, never> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as Record<string, never>;
}
