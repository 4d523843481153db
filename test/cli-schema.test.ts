// `carbyne schema cassandra|elasticsearch [--apply]` against fresh test servers (no schema yet),
// and start-up's check that names what is missing.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import type { ConfigInput } from '../src/config/schema.js';
import { startTestApp } from './helpers/app.js';
import { configEnv } from './helpers/test-backend.js';
import { cqlTarget } from './servers/cql/index.js';
import { esTarget } from './servers/elasticsearch/index.js';

const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

/** The CLI's exit code and output, with the configuration given as CARBYNE_* variables. */
function carbyne(args: string[], config: ConfigInput): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...configEnv(config), CARBYNE_LOG_LEVEL: 'warn', CARBYNE_SELF_METRICS_ENABLED: 'false' };
  delete env.NODE_TEST_CONTEXT;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { env }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

test('carbyne schema prints the CQL and the index template, --apply creates them, and start-up names what is missing until then', async (t) => {
  const cql = await cqlTarget();
  const es = await esTarget();
  const dataDir = mkdtempSync(join(tmpdir(), 'carbyne-schema-'));
  try {
    if (cql.server === null || es.server === null) return t.skip('creates keyspaces and indices of its own: the test servers only');
    const options = cql.clientOptions();
    const config: ConfigInput = {
      dataDir,
      http: { listen: '127.0.0.1:0' },
      carbon: { listen: '127.0.0.1:0' },
      pickle: { listen: '127.0.0.1:0' },
      store: { backend: 'cassandra' },
      index: { backend: 'elasticsearch' },
      cassandra: { contactPoints: options.contactPoints, port: options.protocolOptions.port, localDataCenter: options.localDataCenter, keyspace: 'carbyne_schema_cli' },
      elasticsearch: { nodes: [es.node], index: 'carbyne-schema-cli', replicas: 0 },
    };

    const printed = await carbyne(['schema', 'cassandra'], config);
    assert.equal(printed.code, 0, printed.stderr);
    assert.match(printed.stdout, /^CREATE KEYSPACE IF NOT EXISTS carbyne_schema_cli WITH replication = /m);
    assert.match(printed.stdout, /CREATE TABLE IF NOT EXISTS carbyne_schema_cli\.\w+/);
    assert.match(printed.stdout, /TimeWindowCompactionStrategy/);
    assert.equal(cql.server.nodes[0].faults.injected, 0);

    const refused = await carbyne(['serve'], config);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /Cassandra schema is incomplete, missing: keyspace carbyne_schema_cli.*carbyne schema cassandra --apply/s);

    const applied = await carbyne(['schema', 'cassandra', '--apply'], config);
    assert.equal(applied.code, 0, applied.stderr);
    const noIndex = await carbyne(['serve'], config);
    assert.equal(noIndex.code, 2, noIndex.stderr);
    assert.match(noIndex.stderr, /Elasticsearch index is not set up, missing: index carbyne-schema-cli/);

    const template = await carbyne(['schema', 'elasticsearch'], config);
    assert.equal(template.code, 0, template.stderr);
    assert.deepEqual((JSON.parse(template.stdout) as { index_patterns: string[] }).index_patterns, ['carbyne-schema-cli*']);
    const created = await carbyne(['schema', 'elasticsearch', '--apply'], config);
    assert.equal(created.code, 0, created.stderr);

    // everything in place: the app starts on them and takes a point
    const app = await startTestApp(config);
    try {
      const r = await fetch(`${app.url}/ingest`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: `schema.ok 1 ${Math.floor(Date.now() / 1000)}\n` });
      assert.equal(r.status, 200, await r.text());
    } finally {
      await app.close();
    }

    const wrong = await carbyne(['schema', 'mysql'], config);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /usage: carbyne schema cassandra\|elasticsearch/);
  } finally {
    await cql.close();
    await es.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
