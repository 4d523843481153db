import type { Config } from '../config/schema.js';
import { applyCassandraSchema, applyElasticsearchSchema, cassandraSchemaText, elasticsearchSchemaText } from '../app/backends.js';
import { silentLogger } from '../lib/logger.js';
import { Stats } from '../lib/stats.js';

export const SCHEMA_USAGE = 'usage: carbyne schema cassandra|elasticsearch [--apply] [--config FILE]';

/**
 * `carbyne schema cassandra|elasticsearch`: prints what the configuration's backend needs (the
 * keyspace and tables as CQL, or the index template as JSON) for a DBA to read or run; with
 * `--apply`, creates what is missing on the configured cluster. Exit 0, or 1 when the cluster
 * cannot be reached or refuses, 2 on a usage error.
 */
export async function schemaCommand(engine: string | undefined, apply: boolean, config: Config): Promise<number> {
  if (engine !== 'cassandra' && engine !== 'elasticsearch') {
    process.stderr.write(`${SCHEMA_USAGE}\n`);
    return 2;
  }
  if (!apply) {
    process.stdout.write(engine === 'cassandra' ? cassandraSchemaText(config) : elasticsearchSchemaText(config));
    return 0;
  }
  const deps = { logger: silentLogger, stats: new Stats() };
  try {
    if (engine === 'cassandra') await applyCassandraSchema(config, deps);
    else await applyElasticsearchSchema(config, deps);
  } catch (err) {
    process.stderr.write(`carbyne: the ${engine} schema could not be applied: ${(err as Error).message}\n`);
    return 1;
  }
  const where = engine === 'cassandra' ? `keyspace ${config.cassandra.keyspace} on ${config.cassandra.contactPoints.join(', ')}` : `index ${config.elasticsearch.index} on ${config.elasticsearch.nodes.join(', ')}`;
  process.stderr.write(`carbyne: the ${engine} schema is in place (${where})\n`);
  return 0;
}
