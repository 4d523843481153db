// Starts an Elasticsearch test server and a real @elastic/elasticsearch client on it.

import { Client, errors } from '@elastic/elasticsearch';
import { type EsTestServer, startElasticsearchServer } from './elasticsearch/index.js';

export { errors };

export async function withEs(fn: (es: Client, server: EsTestServer) => Promise<void>, clientOpts: Partial<ConstructorParameters<typeof Client>[0]> = {}): Promise<void> {
  const server = await startElasticsearchServer();
  const es = new Client({ node: server.url, ...clientOpts });
  try {
    await fn(es, server);
  } finally {
    await es.close();
    await server.close();
  }
}

/** The mappings of an index of metric paths in the spirit of BigGraphite's: one document per node. */
export const PATH_TEMPLATE = {
  name: 'carbyne-paths',
  index_patterns: ['paths-*'],
  priority: 10,
  template: {
    settings: { number_of_shards: 1, refresh_interval: '-1' },
    mappings: {
      dynamic: 'strict' as const,
      properties: {
        path: { type: 'keyword' as const },
        depth: { type: 'integer' as const },
        leaf: { type: 'boolean' as const },
        p0: { type: 'keyword' as const },
        p1: { type: 'keyword' as const },
        p2: { type: 'keyword' as const },
        tags: { type: 'nested' as const, properties: { k: { type: 'keyword' as const }, v: { type: 'keyword' as const } } },
      },
    },
  },
};

export function pathDoc(path: string, tags: Record<string, string> = {}) {
  const parts = path.split('.');
  const doc: Record<string, unknown> = { path, depth: parts.length, leaf: true, tags: Object.entries(tags).map(([k, v]) => ({ k, v })) };
  parts.slice(0, 3).forEach((p, i) => (doc[`p${i}`] = p));
  return doc;
}

/** Puts the template and indexes the paths into `paths-1`, refreshed. */
export async function seedPaths(es: Client, paths: [string, Record<string, string>?][]): Promise<void> {
  await es.indices.putIndexTemplate(PATH_TEMPLATE);
  const r = await es.bulk({ refresh: true, operations: paths.flatMap(([p, t]) => [{ index: { _index: 'paths-1', _id: p } }, pathDoc(p, t)]) });
  if (r.errors) throw new Error(JSON.stringify(r.items));
}
