// Failures switched on in the CQL test server reach the driver as a real node's would: the
// errors of native_protocol_v4.spec section 9 with their fields, decided on by the driver's own
// retry policy; slow, silent, restarted and stopped nodes; several nodes as one cluster.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCqlServer } from './cql/index.js';
import { cassandra, newClient, types, withSession } from './cql-client.js';

const codes = types.responseErrorCodes;
type DriverError = Error & { code?: number; innerErrors?: Record<string, DriverError>; [k: string]: unknown };

const firstInner = (e: DriverError): DriverError => Object.values(e.innerErrors ?? {})[0] as DriverError;

/** A client-side timeout: the driver gives up on the host and reports that no host answered. */
const timedOut = (e: DriverError) => {
  assert.ok(e instanceof cassandra.errors.NoHostAvailableError, `${e.name}: ${e.message}`);
  assert.ok(firstInner(e) instanceof cassandra.errors.OperationTimedOutError);
  return true;
};

const responseError = (code: number, check: (e: DriverError) => void = () => {}) => (e: DriverError) => {
  assert.ok(e instanceof cassandra.errors.ResponseError, `${e.name}: ${e.message}`);
  assert.equal(e.code, code);
  check(e);
  return true;
};

test('timeouts, overload and server errors surface as the driver ResponseError with their fields', async () => {
  await withSession(async ({ client, server, run }) => {
    await client.execute('CREATE TABLE t (k text PRIMARY KEY, v int)');
    const node = server.nodes[0];
    node.faults.add({ error: 'read_timeout', table: 'ks.t', kind: 'read', times: 1, received: 0, blockFor: 1 });
    await assert.rejects(
      run('SELECT v FROM t WHERE k = ?', ['a'], { consistency: types.consistencies.localQuorum }),
      responseError(codes.readTimeout, (e) => {
        assert.equal(e.received, 0);
        assert.equal(e.blockFor, 1);
        assert.equal(e.isDataPresent, 0);
        assert.equal(e.consistencies, types.consistencies.localQuorum);
      }),
    );
    // the rule was spent on one request
    assert.equal((await run('SELECT v FROM t WHERE k = ?', ['a'])).rows.length, 0);
    node.faults.add({ error: 'write_timeout', table: 'ks.t', kind: 'write', times: 1 });
    await assert.rejects(run('INSERT INTO t (k, v) VALUES (?, ?)', ['a', 1]), responseError(codes.writeTimeout, (e) => assert.equal(e.writeType, 'SIMPLE')));
    node.faults.add({ error: 'write_timeout', table: 'ks', times: 1 });
    await assert.rejects(client.batch([{ query: 'INSERT INTO t (k, v) VALUES (?, ?)', params: ['b', 2] }], { prepare: true }), responseError(codes.writeTimeout, (e) => assert.equal(e.writeType, 'BATCH')));
    node.faults.add({ error: 'overloaded', times: 1 });
    await assert.rejects(run('SELECT v FROM t WHERE k = ?', ['a']), responseError(codes.overloaded));
    node.faults.add({ error: 'server_error', times: 1 });
    await assert.rejects(run('SELECT v FROM t WHERE k = ?', ['a']), responseError(codes.serverError));
    // unavailable: the driver tries the next host; with one node there is none
    node.faults.add({ error: 'unavailable', times: 1, blockFor: 2, received: 1 });
    await assert.rejects(run('SELECT v FROM t WHERE k = ?', ['a']), (e: DriverError) => {
      assert.ok(e instanceof cassandra.errors.NoHostAvailableError);
      const inner = firstInner(e);
      assert.equal(inner.code, codes.unavailableException);
      assert.equal(inner.required, 2);
      assert.equal(inner.alive, 1);
      return true;
    });
    assert.equal(node.faults.injected, 6);
    // nothing failed is applied
    assert.equal((await run('SELECT v FROM t WHERE k = ?', ['b'])).rows.length, 0);
  });
});

test('a slow or silent node makes the driver time out; clearing the fault heals it', async () => {
  await withSession(
    async ({ server, run, client }) => {
      await client.execute('CREATE TABLE t (k text PRIMARY KEY, v int)');
      const node = server.nodes[0];
      node.faults.delayMs = 2_000;
      await assert.rejects(run('SELECT v FROM t WHERE k = ?', ['a']), timedOut);
      node.faults.clear();
      node.faults.silent = true;
      await assert.rejects(run('SELECT v FROM t WHERE k = ?', ['a']), timedOut);
      node.faults.clear();
      await run('INSERT INTO t (k, v) VALUES (?, ?)', ['a', 1]);
      assert.equal((await run('SELECT v FROM t WHERE k = ?', ['a'])).rows[0].v, 1);
    },
    { client: { socketOptions: { readTimeout: 300 } } },
  );
});

async function eventually<T>(f: () => Promise<T>, attempts = 100): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await f();
    } catch (e) {
      if (i >= attempts) throw e;
      await sleep(100);
    }
  }
}

// Two nodes, so the driver's control connection always has a live node: when every connection
// of a client drops at once, cassandra-driver 4.10 re-initialises its control connection and
// leaks the old host's pool (its reconnection timer then keeps the process alive).
test('dropped connections and restarts: the driver reconnects and prepares again', async () => {
  await withSession(
    async ({ server, client }) => {
      await client.execute('CREATE TABLE t (k text PRIMARY KEY, v int)');
      const node = server.nodes[0];
      const host = client.hosts.get(`${node.address}:${server.port}`);
      assert.ok(host);
      const onNode = () => client.execute('SELECT v FROM t WHERE k = ?', ['a'], { prepare: true, host });
      await client.execute('INSERT INTO t (k, v) VALUES (?, ?)', ['a', 1], { prepare: true });
      assert.equal((await onNode()).info.queriedHost, host.address);
      node.dropConnections();
      assert.equal((await eventually(onNode)).rows[0].v, 1);
      // a restarted node forgot its prepared statements: EXECUTE answers Unprepared and the
      // driver prepares again by itself (native_protocol_v4.spec 4.2.5.4 and error 0x2500)
      const prepares = node.stats.prepares;
      await node.restart();
      assert.equal((await eventually(onNode)).rows[0].v, 1);
      assert.ok(node.stats.prepares > prepares);
      // a stopped node: a request pinned to it fails with the driver's error (its socket closed,
      // or no host when the pool already knows)
      await node.stop();
      await assert.rejects(onNode(), (e: DriverError) => e instanceof cassandra.errors.DriverError);
      await node.listen();
      assert.equal((await eventually(onNode)).rows[0].v, 1);
    },
    { nodes: 2, client: { policies: { reconnection: new cassandra.policies.reconnection.ConstantReconnectionPolicy(50) } } },
  );
});

test('three nodes: peers and tokens, token-aware routing, failover when a node stops', async () => {
  const server = await startCqlServer({ nodes: 3 });
  const client = newClient(server, { policies: { reconnection: new cassandra.policies.reconnection.ConstantReconnectionPolicy(50) } });
  try {
    await client.connect();
    assert.deepEqual(
      client.hosts.keys().sort(),
      server.nodes.map((n) => `${n.address}:${server.port}`).sort(),
    );
    const peers = await client.execute('SELECT peer, tokens FROM system.peers');
    assert.equal(peers.rows.length, 2);
    await client.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    await client.execute('CREATE TABLE ks.t (k text PRIMARY KEY, v int)');
    const keys = Array.from({ length: 30 }, (_, i) => `key-${i}`);
    const owners = new Set<string>();
    for (const k of keys) {
      const r = await client.execute('INSERT INTO ks.t (k, v) VALUES (?, ?)', [k, 1], { prepare: true });
      // the driver routes by the token of the key (pk indexes from PREPARE, tokens from the system
      // tables); with one replica per token that replica is the coordinator
      const replicas = client.getReplicas('ks', Buffer.from(k));
      assert.equal(replicas.length, 1);
      assert.equal(r.info.queriedHost, replicas[0].address);
      owners.add(r.info.queriedHost);
    }
    assert.equal(owners.size, 3, 'keys spread over the three nodes');
    // a fault on one node only: the driver moves on to the next host
    server.nodes[0].faults.add({ error: 'unavailable', table: 'ks.t' });
    const r = await client.execute('SELECT v FROM ks.t WHERE k = ?', [keys[0]], { prepare: true, routingKey: undefined });
    assert.equal(r.rows[0].v, 1);
    server.nodes[0].faults.clear();
    // one node down: every key is still read through the others (one data set behind all nodes)
    await server.nodes[1].stop();
    for (const k of keys) {
      const got = await eventually(() => client.execute('SELECT v FROM ks.t WHERE k = ?', [k], { prepare: true }));
      assert.equal(got.rows[0].v, 1);
      assert.notEqual(got.info.queriedHost, `${server.nodes[1].address}:${server.port}`);
    }
  } finally {
    await client.shutdown();
    await server.close();
  }
});
