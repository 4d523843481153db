import type { FastifyInstance, FastifyRequest } from 'fastify';
import { multipartBoundary, parseMultipartForm } from './multipart-form.js';

/**
 * Request parameters as graphite-web sees them: the query string and a form-encoded body are
 * merged like Django's QueryDict.update, so repeated keys from both are kept (body values
 * last) and a single-valued read takes the last value, letting the body win.
 */
export class Params {
  private readonly values = new Map<string, string[]>();

  static fromRequest(req: FastifyRequest): Params {
    const params = new Params();
    const q = req.url.indexOf('?');
    if (q >= 0) params.addAll(new URLSearchParams(req.url.slice(q + 1)));
    const body = req.body;
    if (body instanceof URLSearchParams) params.addAll(body);
    return params;
  }

  static fromString(query: string): Params {
    const params = new Params();
    params.addAll(new URLSearchParams(query));
    return params;
  }

  private addAll(source: URLSearchParams): void {
    for (const [key, value] of source) {
      const list = this.values.get(key);
      if (list) list.push(value);
      else this.values.set(key, [value]);
    }
  }

  /** every value of `key` itself (Django's QueryDict.getlist) */
  list(key: string): string[] {
    return this.values.get(key) ?? [];
  }

  /** every value of `key`, and of its jQuery-style `key[]` twin */
  getAll(key: string): string[] {
    return [...(this.values.get(key) ?? []), ...(this.values.get(`${key}[]`) ?? [])];
  }

  get(key: string): string | undefined {
    const list = this.values.get(key);
    return list ? list[list.length - 1] : undefined;
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** graphite-web's truthiness for flags such as `pretty`, `leavesOnly`, `wildcards` */
  flag(key: string): boolean {
    const v = this.get(key);
    return v !== undefined && ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
  }

  keys(): IterableIterator<string> {
    return this.values.keys();
  }
}

/**
 * Parses `application/x-www-form-urlencoded` bodies into URLSearchParams, the way Django does
 * (so Grafana's not-URL-encoded find body reads as graphite-web reads it).
 */
export function registerFormBody(app: FastifyInstance, bodyLimit: number): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    done(null, new URLSearchParams(body as string));
  });
  // graphite-web front ends with REMOTE_STORE_USE_POST send urllib3's multipart fields
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit }, (req, body, done) => {
    const boundary = multipartBoundary(req.headers['content-type'] ?? '');
    const fields = boundary === null ? null : parseMultipartForm(body as Buffer, boundary);
    if (fields === null) done(Object.assign(new Error('malformed multipart/form-data body'), { statusCode: 400 }), undefined);
    else done(null, fields);
  });
}
