import type { FastifyRequest } from 'fastify';

/**
 * The fields of a form body (url-encoded or multipart), as the routes' body schemas describe
 * them: a field sent once is a string, a repeated one the list of its values in order. Made by
 * formFields only, so a JSON body that happens to be an object is never read as a form (Django
 * reads no parameters from one either).
 */
export type FormFields = Readonly<Record<string, string | string[]>>;

/** the prototype of every FormFields: no inherited keys (a field may be called `__proto__`) */
const FORM_FIELDS: object = Object.freeze(Object.create(null));

export function formFields(source: Iterable<[string, string]>): FormFields {
  const fields = Object.create(FORM_FIELDS) as Record<string, string | string[]>;
  for (const [key, value] of source) {
    const known = fields[key];
    if (known === undefined) fields[key] = value;
    else if (typeof known === 'string') fields[key] = [known, value];
    else known.push(value);
  }
  return fields;
}

export function isFormFields(body: unknown): body is FormFields {
  return typeof body === 'object' && body !== null && Object.getPrototypeOf(body) === FORM_FIELDS;
}

/**
 * Request parameters as graphite-web sees them: the query string and a form body are merged
 * like Django's QueryDict.update, so repeated keys from both are kept (body values last) and a
 * single-valued read takes the last value, letting the body win. The query string is read from
 * the URL as Django decodes it, not from Fastify's parsed `query`.
 */
export class Params {
  private readonly values = new Map<string, string[]>();

  static fromRequest(req: FastifyRequest): Params {
    const params = new Params();
    const q = req.url.indexOf('?');
    if (q >= 0) params.addAll(new URLSearchParams(req.url.slice(q + 1)));
    const body = req.body;
    if (isFormFields(body)) {
      for (const key of Object.keys(body)) {
        const value = body[key];
        for (const v of typeof value === 'string' ? [value] : value) params.add(key, v);
      }
    }
    return params;
  }

  static fromString(query: string): Params {
    const params = new Params();
    params.addAll(new URLSearchParams(query));
    return params;
  }

  private addAll(source: URLSearchParams): void {
    for (const [key, value] of source) this.add(key, value);
  }

  private add(key: string, value: string): void {
    const list = this.values.get(key);
    if (list) list.push(value);
    else this.values.set(key, [value]);
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
