#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { CarbyneApp } from '../app.js';
import { ConfigError, loadConfig, setPath } from '../config/load.js';
import { importWhisperCommand } from './import-whisper/command.js';
import { rebalance } from '../cluster/rebalance/rebalance.js';
import { rebuild } from '../cluster/rebalance/rebuild.js';
import type { Config } from '../config/schema.js';
import { isMissingSchema } from '../app/backends.js';
import { SCHEMA_USAGE, schemaCommand } from './schema-command.js';

const USAGE = `usage: carbyne serve [options]
       carbyne series delete PATTERN... [--url URL] [--dry-run]
       carbyne rebalance [--config FILE] [--dry-run] [--delete]
       carbyne rebuild NODE [--config FILE] [--dry-run]
       carbyne schema cassandra|elasticsearch [--apply] [--config FILE]
       carbyne import-whisper DIR [--pattern GLOB] [--server URL] [options]   (--help for its options)

serve:
  --config FILE           YAML configuration (default ./carbyne.yaml when present)
  --data-dir DIR          embedded store and write-ahead log (default ./data)
  --http-listen H:P       graphite-web API (default 0.0.0.0:8080)
  --carbon-listen H:P     carbon plaintext, TCP and UDP (default 0.0.0.0:2003)
  --pickle-listen H:P     carbon pickle, TCP (default 0.0.0.0:2004)

Every configuration key can also be set as a CARBYNE_* environment variable,
e.g. CARBYNE_DATA_DIR, CARBYNE_SELF_METRICS_PREFIX.

series delete: removes the series matching each graphite glob (or exact tagged name) from a
running server: their points, chunks, registry record and index entries.
  --url URL               the server's HTTP API (default http://127.0.0.1:8080)
  --dry-run               only list the series that would go

schema: prints the Cassandra keyspace and tables (CQL) or the Elasticsearch index template (JSON)
that the configuration's backends need; start-up checks they are there and names what is missing.
  --apply                 create what is missing on the configured cluster instead

rebalance: after cluster.nodes changed (a node added), copies every series a node holds but
does not own under the configured ring to its owners, as buckytools does for go-carbon
(docs/cluster.md). Reads the cluster keys like serve (file, CARBYNE_CLUSTER_*).
  --dry-run               only list what would move
  --delete                remove each copied series from the node that does not own it

rebuild: a shared-nothing node whose data directory was lost, restarted empty, gets back every
series it owns from the other nodes holding it (every resolution, as rebalance copies them),
so that its own data (local=1) is whole again (docs/cluster.md). Reads the cluster keys like
serve; NODE is the node's name in cluster.nodes.
  --dry-run               only list what would be copied, and from where

import-whisper: imports a carbon whisper tree (every archive of every file, with the file's
schema), into the data directory or through a running server; resumable.`;

/** CLI flag -> configuration key it sets */
const FLAG_KEYS: Record<string, string[]> = {
  'data-dir': ['dataDir'],
  'http-listen': ['http', 'listen'],
  'carbon-listen': ['carbon', 'listen'],
  'pickle-listen': ['pickle', 'listen'],
};

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'import-whisper') return importWhisperCommand(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        url: { type: 'string' },
        'dry-run': { type: 'boolean' },
        apply: { type: 'boolean' },
        delete: { type: 'boolean' },
        ...Object.fromEntries(Object.keys(FLAG_KEYS).map((k) => [k, { type: 'string' as const }])),
      },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const [command] = parsed.positionals;
  if (parsed.values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined && !parsed.values.help ? 2 : 0;
  }
  if (command === 'series') {
    const [, sub, ...patterns] = parsed.positionals;
    if (sub !== 'delete' || patterns.length === 0) {
      process.stderr.write(`usage: carbyne series delete PATTERN... [--url URL] [--dry-run]\n`);
      return 2;
    }
    return deleteSeries(parsed.values.url ?? 'http://127.0.0.1:8080', patterns, parsed.values['dry-run'] === true);
  }
  if (command === 'schema') {
    const [, engine, ...rest] = parsed.positionals;
    if (rest.length > 0) {
      process.stderr.write(`${SCHEMA_USAGE}\n`);
      return 2;
    }
    let config;
    try {
      config = loadConfig({ file: parsed.values.config as string | undefined });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      process.stderr.write(`carbyne: ${err.message}\n`);
      return 2;
    }
    return schemaCommand(engine, parsed.values.apply === true, config);
  }
  if (command === 'rebalance') return runRebalance(parsed.values.config as string | undefined, parsed.values['dry-run'] === true, parsed.values.delete === true);
  if (command === 'rebuild') {
    const [, node, ...rest] = parsed.positionals;
    if (node === undefined || rest.length > 0) {
      process.stderr.write('usage: carbyne rebuild NODE [--config FILE] [--dry-run]\n');
      return 2;
    }
    return runRebuild(parsed.values.config as string | undefined, node, parsed.values['dry-run'] === true);
  }
  if (command !== 'serve') {
    process.stderr.write(`unknown command "${command}"\n\n${USAGE}\n`);
    return 2;
  }

  const overrides: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(FLAG_KEYS)) {
    const v = (parsed.values as Record<string, unknown>)[flag];
    if (typeof v === 'string') setPath(overrides, key, v);
  }
  let app: CarbyneApp;
  try {
    const config = loadConfig({ file: parsed.values.config as string | undefined, overrides });
    app = await CarbyneApp.create({ config });
  } catch (err) {
    if (err instanceof ConfigError || isMissingSchema(err)) {
      process.stderr.write(`carbyne: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
  return serve(app);
}

/** `carbyne series delete`: asks the running server to remove the series; prints what went. */
async function deleteSeries(url: string, patterns: readonly string[], dryRun: boolean): Promise<number> {
  const body = new URLSearchParams(patterns.map((p): [string, string] => ['pattern', p]));
  if (dryRun) body.set('dryRun', '1');
  let res: Response;
  try {
    res = await fetch(new URL('/series/delete', url), { method: 'POST', body });
  } catch (err) {
    process.stderr.write(`carbyne: cannot reach ${url}: ${(err as Error).message}\n`);
    return 1;
  }
  const answer = (await res.json().catch(() => ({}))) as { series?: string[]; deleted?: number; error?: string };
  if (!res.ok) {
    process.stderr.write(`carbyne: ${answer.error ?? `the server answered ${res.status}`}\n`);
    return 1;
  }
  for (const name of answer.series ?? []) process.stdout.write(`${name}\n`);
  process.stderr.write(dryRun ? `${answer.series?.length ?? 0} series would be deleted\n` : `${answer.deleted ?? 0} series deleted\n`);
  return 0;
}

/** The configuration of a command about the cluster, or the exit code of a configuration without one. */
function clusterToolConfig(file: string | undefined, needs: string): Config | number {
  let config;
  try {
    config = loadConfig({ file });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`carbyne: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (config.cluster.nodes.length === 0) {
    process.stderr.write(`carbyne: ${needs}\n`);
    return 2;
  }
  return config;
}

/** The largest answer a node may send a cluster tool (a batch of series' points), bytes. */
const toolAnswerBytes = (config: Config) => config.limits.render.maxPoints * 8 + 64 * 1024 * 1024;

/** `carbyne rebalance`: moves misplaced series to their owners; 1 when anything failed. */
async function runRebalance(file: string | undefined, dryRun: boolean, remove: boolean): Promise<number> {
  const config = clusterToolConfig(file, 'rebalance needs cluster.nodes (the new list of nodes)');
  if (typeof config === 'number') return config;
  const reports = await rebalance(config.cluster, { dryRun, delete: remove, log: (line) => process.stdout.write(`${line}\n`), maxAnswerBytes: toolAnswerBytes(config) });
  const failed = Object.entries(reports).filter(([, r]) => r.errors.length > 0);
  for (const [name, r] of failed) process.stderr.write(`carbyne: ${name}: ${r.errors.join('; ')}\n`);
  return failed.length > 0 ? 1 : 0;
}

/** `carbyne rebuild NODE`: copies to NODE every series it owns from the other nodes; 1 when anything failed. */
async function runRebuild(file: string | undefined, node: string, dryRun: boolean): Promise<number> {
  const config = clusterToolConfig(file, 'rebuild needs cluster.nodes');
  if (typeof config === 'number') return config;
  if (config.cluster.topology === 'shared-store') {
    process.stderr.write('carbyne: rebuild is for shared-nothing clusters: a shared-store node reads the persisted data from the shared store (docs/cluster.md says what a lost data directory costs there)\n');
    return 2;
  }
  if (!config.cluster.nodes.some((n) => n.name === node)) {
    process.stderr.write(`carbyne: no node named ${node} in cluster.nodes\n`);
    return 2;
  }
  const report = await rebuild(config.cluster, node, { dryRun, log: (line) => process.stdout.write(`${line}\n`), maxAnswerBytes: toolAnswerBytes(config) });
  for (const e of report.errors) process.stderr.write(`carbyne: ${e}\n`);
  return report.errors.length > 0 ? 1 : 0;
}

async function serve(app: CarbyneApp): Promise<number> {
  const addresses = await app.listen();
  app.http.log.info({ ...addresses, dataDir: app.config.dataDir }, 'carbyne is up');
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.http.log.info({ signal }, 'shutting down');
      app.close().then(
        () => resolve(0),
        (err) => {
          app.http.log.error({ err }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`carbyne: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
