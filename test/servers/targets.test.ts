// cqlTarget() / esTarget(): a fresh test server by default, the cluster an environment variable
// names otherwise (docs/test-servers.md, "Against a real cluster").

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cqlTarget } from './cql/index.js';
import { esTarget } from './elasticsearch/index.js';

async function withEnv(vars: Record<string, string | undefined>, fn: () => Promise<void>): Promise<void> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  try {
    await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

test('without the variables, targets are fresh test servers with their controls', async () => {
  await withEnv({ CARBYNE_TEST_CASSANDRA: undefined, CARBYNE_TEST_ELASTICSEARCH: undefined }, async () => {
    const cql = await cqlTarget();
    const es = await esTarget();
    try {
      assert.ok(cql.server);
      assert.equal(cql.clientOptions().protocolOptions.port, cql.server.port);
      assert.ok(es.server);
      assert.equal(es.node, es.server.url);
      const info = (await (await fetch(es.node)).json()) as { tagline: string };
      assert.equal(info.tagline, 'You Know, for Search');
    } finally {
      await cql.close();
      await es.close();
    }
  });
});

test('with the variables, targets name the real clusters and have no controls', async () => {
  await withEnv({ CARBYNE_TEST_CASSANDRA: 'cass.example:9142', CARBYNE_TEST_CASSANDRA_DC: 'dc2', CARBYNE_TEST_ELASTICSEARCH: 'http://es.example:9200' }, async () => {
    const cql = await cqlTarget();
    const es = await esTarget();
    assert.equal(cql.server, null);
    assert.deepEqual(cql.clientOptions(), { contactPoints: ['cass.example'], localDataCenter: 'dc2', protocolOptions: { port: 9142 } });
    assert.equal(es.server, null);
    assert.equal(es.node, 'http://es.example:9200');
  });
});
