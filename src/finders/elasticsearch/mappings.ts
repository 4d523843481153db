import type { estypes } from '@elastic/elasticsearch';
import type { ElasticsearchConnection, ElasticsearchOptions } from './connection.js';

/** Path positions the template maps (`p0` ... `p63`); deeper paths add theirs on demand. */
export const MAPPED_POSITIONS = 64;

const keyword: estypes.MappingProperty = { type: 'keyword' };

/** The field of the segment at position `i`. */
export function positionField(i: number): string {
  return `p${i}`;
}

/**
 * The documents of both indices, in the spirit of BigGraphite's and Cadent's: keyword (not
 * analysed) fields only.
 *
 * `<index>`: one document per node of the tree (every prefix of every series' path): its
 * `path`, `parent`, `depth` (the number of elements, Cadent's length), last element (`segment`)
 * and each element by position (`p0`, `p1`, ...), `leaf` (has data) and `branch` (has children);
 * a tagged series' leaf also carries its display `name` and its `tags` as `k=v` pairs (`name=`
 * included).
 *
 * `<index>-tags`: one document per tag and value held by some series (`tag`, `value`), what tag
 * listings and autocompletion read.
 */
export function mappings(positions = MAPPED_POSITIONS): estypes.MappingTypeMapping {
  const properties: Record<string, estypes.MappingProperty> = {
    path: keyword,
    parent: keyword,
    depth: { type: 'integer' },
    segment: keyword,
    leaf: { type: 'boolean' },
    branch: { type: 'boolean' },
    name: keyword,
    tags: keyword,
    tag: keyword,
    value: keyword,
  };
  for (let i = 0; i < positions; i++) properties[positionField(i)] = keyword;
  return { dynamic: 'strict', properties };
}

/** The index template covering both indices (`<index>*`). */
export function indexTemplateBody(options: Pick<ElasticsearchOptions, 'index' | 'shards' | 'replicas'>) {
  return {
    index_patterns: [`${options.index}*`],
    priority: 200,
    template: {
      settings: { number_of_shards: options.shards, number_of_replicas: options.replicas, refresh_interval: '1s' },
      mappings: mappings(),
    },
    _meta: { description: 'carbyne metric and tag index (docs/backends.md)' },
  };
}

/** Puts the template and creates the indices that do not exist yet. */
export async function applyIndexTemplate(connection: ElasticsearchConnection): Promise<void> {
  const body = indexTemplateBody(connection.options);
  await connection.call((c) => c.indices.putIndexTemplate({ name: connection.options.index, ...body }));
  for (const index of [connection.nodesIndex, connection.tagsIndex]) {
    const exists = await connection.call((c) => c.indices.exists({ index }));
    if (!exists) await connection.call((c) => c.indices.create({ index }));
  }
}

/** Thrown at start-up when an index is missing. */
export class IndexMissingError extends Error {
  override readonly name = 'IndexMissingError';
  constructor(readonly missing: readonly string[]) {
    super(`the Elasticsearch index is not set up, missing: ${missing.join(', ')}. Create it with \`carbyne schema elasticsearch --apply\`.`);
  }
}

/** Fails with IndexMissingError naming the missing indices. */
export async function checkIndex(connection: ElasticsearchConnection): Promise<void> {
  const missing: string[] = [];
  for (const index of [connection.nodesIndex, connection.tagsIndex]) {
    if (!(await connection.call((c) => c.indices.exists({ index })))) missing.push(`index ${index}`);
  }
  if (missing.length > 0) throw new IndexMissingError(missing);
}

/** Adds the position fields up to `depth` to the nodes index (paths deeper than the template maps). */
export async function mapPositions(connection: ElasticsearchConnection, from: number, depth: number): Promise<void> {
  const properties: Record<string, estypes.MappingProperty> = {};
  for (let i = from; i < depth; i++) properties[positionField(i)] = keyword;
  await connection.call((c) => c.indices.putMapping({ index: connection.nodesIndex, properties }));
}
