import type { FastifyInstance } from 'fastify';

export interface SharedSchema {
  readonly $id: string;
}

/**
 * A schema several routes or answers use: its route plugin adds it (addSharedSchemas) and the
 * schemas point at it with ref(); the OpenAPI document lists it once, under
 * components.schemas by its id, instead of repeating it in every operation.
 */
export function shared<T extends object>(id: string, schema: T): T & SharedSchema {
  return { $id: id, ...schema };
}

export function ref(schema: SharedSchema): { readonly $ref: string } {
  return { $ref: `${schema.$id}#` };
}

/** Adds the shared schemas a route plugin's routes point at (in the plugin's own context). */
export function addSharedSchemas(app: FastifyInstance, schemas: readonly SharedSchema[]): void {
  for (const s of schemas) app.addSchema(s);
}
