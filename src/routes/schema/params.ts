/**
 * Schemas of graphite-web's request parameters. graphite-web reads every parameter from the
 * query string or a form body (Django's QueryDict: a key sent twice keeps both values, a
 * single-valued read takes the last one) and checks it itself, with its own messages, which
 * carbyne keeps (src/routes/*-params.ts, src/render/options.ts). So these schemas are as loose
 * as graphite-web: every value is a string, sent once or repeated; unknown parameters are
 * accepted and ignored; nothing is required here, because a required parameter may come in
 * the body instead of the query string, and its absence has graphite-web's own 400. What a
 * value means, its default and its valid forms are in its description and examples, which the
 * OpenAPI document shows and test/routes/openapi-requests.test.ts sends.
 */

export interface ParamSchema {
  readonly type: readonly ['string', 'array'];
  readonly items: { readonly type: 'string' };
  readonly description: string;
  readonly examples?: readonly string[];
}

/**
 * One parameter. `examples` are values a request may send; the first ones of a route's
 * parameters, sent together, must make a valid request (the OpenAPI test sends them so).
 */
export function param(description: string, ...examples: string[]): ParamSchema {
  return { type: ['string', 'array'], items: { type: 'string' }, description, ...(examples.length > 0 ? { examples } : {}) };
}

export interface ParamsSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, ParamSchema>>;
  readonly additionalProperties: true;
}

/** The query string of a graphite route, or its form body: these parameters, and any other ignored. */
export function graphiteParams(properties: Record<string, ParamSchema>): ParamsSchema {
  return { type: 'object', properties, additionalProperties: true };
}

/**
 * A POST body with the same parameters: form-encoded (Grafana), or multipart (graphite-web's
 * front ends with REMOTE_STORE_USE_POST); merged with the query string, body last. A body of
 * another type is not read for parameters, as Django reads none from it.
 */
export function graphiteForm(params: ParamsSchema | { readonly $ref: string }) {
  return {
    content: {
      'application/x-www-form-urlencoded': { schema: params },
      'multipart/form-data': { schema: params },
    },
  } as const;
}
