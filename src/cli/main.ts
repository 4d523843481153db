#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { CarbyneApp } from '../app.js';
import { ConfigError, loadConfig, setPath } from '../config/load.js';

const USAGE = `usage: carbyne serve [options]

  --config FILE           YAML configuration (default ./carbyne.yaml when present)
  --data-dir DIR          embedded store and write-ahead log (default ./data)
  --http-listen H:P       graphite-web API (default 0.0.0.0:8080)
  --carbon-listen H:P     carbon plaintext, TCP and UDP (default 0.0.0.0:2003)
  --pickle-listen H:P     carbon pickle, TCP (default 0.0.0.0:2004)

Every configuration key can also be set as a CARBYNE_* environment variable,
e.g. CARBYNE_DATA_DIR, CARBYNE_SELF_METRICS_PREFIX.`;

/** CLI flag -> configuration key it sets */
const FLAG_KEYS: Record<string, string[]> = {
  'data-dir': ['dataDir'],
  'http-listen': ['http', 'listen'],
  'carbon-listen': ['carbon', 'listen'],
  'pickle-listen': ['pickle', 'listen'],
};

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
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
    if (err instanceof ConfigError) {
      process.stderr.write(`carbyne: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  return serve(app);
}

async function serve(app: CarbyneApp): Promise<number> {
  const addresses = await app.listen();
  app.http.log.info({ ...addresses, dataDir: app.config.dataDir }, 'carbyne is up');
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.http.log.info({ signal }, 'shutting down: flushing to the store');
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
