// The CQL test server as cassandra-driver 4.x sees it on connect: protocol negotiation, the
// system tables, schema metadata, tokens and the column types carbyne uses.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { murmur3Token } from './cql/murmur3.js';
import { startCqlServer } from './cql/index.js';
import { newClient, types, withSession } from './cql-client.js';

const require = createRequire(import.meta.url);
// the driver's own Murmur3 (a port of Cassandra's), which it routes requests by
const { Murmur3Tokenizer } = require('cassandra-driver/lib/tokenizer.js') as { Murmur3Tokenizer: new () => { hash(b: Buffer): { toString(): string } } };

const strategyOptions = (ks: object) => (ks as { strategyOptions: Record<string, string> }).strategyOptions;

test('the driver negotiates protocol v4, reads system.local and builds metadata', async () => {
  const server = await startCqlServer();
  const client = newClient(server);
  try {
    await client.connect();
    // the driver starts at its highest version (DSE v2) and steps down on the protocol error
    // (native_protocol_v4.spec 2.1: only version 4 frames are answered)
    assert.equal((client as unknown as { controlConnection: { protocolVersion: number } }).controlConnection.protocolVersion, 4);
    const hosts = client.getState().getConnectedHosts();
    assert.equal(hosts.length, 1);
    assert.equal(hosts[0].datacenter, 'datacenter1');
    assert.equal(hosts[0].cassandraVersion, '4.0.11');
    assert.equal(client.metadata.keyspaces.system_schema.strategy, 'org.apache.cassandra.locator.LocalStrategy');
    const local = await client.execute("SELECT cluster_name, partitioner, tokens FROM system.local WHERE key = 'local'");
    assert.equal(local.rows[0].partitioner, 'org.apache.cassandra.dht.Murmur3Partitioner');
    assert.equal(local.rows[0].tokens.length, 1);
    assert.equal((await client.execute('SELECT * FROM system.peers')).rows.length, 0);
    assert.equal(await (client.metadata as unknown as { checkSchemaAgreement(): Promise<boolean> }).checkSchemaAgreement(), true);
  } finally {
    await client.shutdown();
    await server.close();
  }
});

test('CREATE KEYSPACE / TABLE show in the driver metadata with keys, order and options', async () => {
  await withSession(async ({ client, server }) => {
    await client.execute(`CREATE TABLE IF NOT EXISTS chunks (id text, res int, bucket int, end_time bigint, data blob, codec tinyint,
      PRIMARY KEY ((id, res, bucket), end_time))
      WITH CLUSTERING ORDER BY (end_time DESC) AND default_time_to_live = 86400
      AND compaction = {'class': 'TimeWindowCompactionStrategy', 'compaction_window_unit': 'HOURS', 'compaction_window_size': '6'}`);
    // IF NOT EXISTS on an existing table is a no-op, not an error
    await client.execute('CREATE TABLE IF NOT EXISTS chunks (id text PRIMARY KEY)');
    const t = await client.metadata.getTable('ks', 'chunks');
    assert.ok(t);
    assert.deepEqual(
      t.partitionKeys.map((c) => c.name),
      ['id', 'res', 'bucket'],
    );
    assert.deepEqual(
      t.clusteringKeys.map((c) => c.name),
      ['end_time'],
    );
    assert.deepEqual(t.clusteringOrder, ['DESC']);
    assert.equal(t.defaultTtl, 86400);
    assert.equal(t.compactionClass, 'org.apache.cassandra.db.compaction.TimeWindowCompactionStrategy');
    assert.equal(t.compactionOptions.compaction_window_unit, 'HOURS');
    assert.equal(t.compactionOptions.compaction_window_size, '6');
    assert.equal(t.columnsByName.data.type.code, types.dataTypes.blob);
    assert.equal(t.columnsByName.codec.type.code, types.dataTypes.tinyint);
    const ks = client.metadata.keyspaces.ks;
    assert.equal(ks.strategy, 'org.apache.cassandra.locator.SimpleStrategy');
    assert.deepEqual(strategyOptions(ks), { replication_factor: '1' });
    // ALTER TABLE ADD is seen by the next read of the metadata
    await client.execute('ALTER TABLE chunks ADD points int');
    const t2 = await client.metadata.getTable('ks', 'chunks');
    assert.equal(t2.columnsByName.points.type.code, types.dataTypes.int);
    assert.ok(server.cluster.keyspaces.get('ks')!.tables.has('chunks'));
    await client.execute('DROP TABLE chunks');
    assert.equal(await client.metadata.getTable('ks', 'chunks'), null);
  });
});

test('NetworkTopologyStrategy must name a known data center, as Cassandra 4 checks', async () => {
  await withSession(async ({ client }) => {
    await client.execute("CREATE KEYSPACE nts WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 3} AND durable_writes = false");
    const ks = (await client.metadata.refreshKeyspace('nts'), client.metadata.keyspaces.nts);
    assert.deepEqual(strategyOptions(ks), { datacenter1: '3' });
    await assert.rejects(
      client.execute("CREATE KEYSPACE nts2 WITH replication = {'class': 'NetworkTopologyStrategy', 'dc9': 3}"),
      (e: Error & { code?: number }) => e.code === types.responseErrorCodes.configError && /dc9/.test(e.message),
    );
    await client.execute("ALTER KEYSPACE nts WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}");
    await client.metadata.refreshKeyspace('nts');
    assert.deepEqual(strategyOptions(client.metadata.keyspaces.nts), { replication_factor: '2' });
    await assert.rejects(
      client.execute("CREATE KEYSPACE nts WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"),
      (e: Error & { code?: number }) => e.code === types.responseErrorCodes.alreadyExists,
    );
  });
});

test('Murmur3 tokens equal the driver tokenizer on any key, and token() in CQL', async () => {
  const tokenizer = new Murmur3Tokenizer();
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
      const b = Buffer.from(bytes);
      assert.equal(murmur3Token(b).toString(), tokenizer.hash(b).toString());
    }),
    { numRuns: 2000 },
  );
  // Cassandra answers -4069959284402364209 to SELECT token(k) for the int key 1 (the value the
  // Murmur3Partitioner documentation examples and the driver's tests use)
  assert.equal(murmur3Token(Buffer.from([0, 0, 0, 1])), -4069959284402364209n);
  await withSession(async ({ client, run }) => {
    await client.execute('CREATE TABLE kv (a text, b int, v text, PRIMARY KEY ((a, b)))');
    await run('INSERT INTO kv (a, b, v) VALUES (?, ?, ?)', ['x', 7, 'y']);
    const r = await client.execute("SELECT token(a, b) FROM kv WHERE a = 'x' AND b = 7");
    // a composite partition key is hashed as its serialized components: <len><bytes><0>, each
    const key = Buffer.from([0, 1, 0x78, 0, 0, 4, 0, 0, 0, 7, 0]);
    assert.equal(r.columns[0].name, 'system.token(a, b)');
    assert.equal(r.rows[0]['system.token(a, b)'], murmur3Token(key));
    assert.equal(murmur3Token(key).toString(), tokenizer.hash(key).toString());
  });
});

test('every supported column type round-trips through the driver', async () => {
  await withSession(async ({ client, run }) => {
    await client.execute(`CREATE TABLE typed (k text PRIMARY KEY, a ascii, vc varchar, i int, b bigint, s smallint, t tinyint,
      bo boolean, bl blob, d double, f float, ts timestamp, u uuid, tu timeuuid, ip inet, vi varint,
      l list<int>, st set<text>, m map<text, bigint>, fl frozen<list<text>>)`);
    const u = types.Uuid.random();
    const tu = types.TimeUuid.now();
    const row = {
      k: 'k1',
      a: 'ascii',
      vc: 'ünïcode',
      i: -2147483648,
      b: 9007199254740993n,
      s: -32768,
      t: 127,
      bo: true,
      bl: Buffer.from([0, 255, 1]),
      d: 0.1,
      f: 1.5,
      ts: new Date(1700000000123),
      u,
      tu,
      ip: types.InetAddress.fromString('10.1.2.3'),
      vi: 123456789012345678901234567890n,
      l: [3, 1, 2],
      st: ['b', 'a', 'c', 'a'],
      m: { z: 1n, a: -1n },
      fl: ['x', 'y'],
    };
    await run(`INSERT INTO typed (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map(() => '?').join(', ')})`, Object.values(row));
    const got = (await run('SELECT * FROM typed WHERE k = ?', ['k1'])).rows[0];
    assert.equal(got.a, 'ascii');
    assert.equal(got.vc, 'ünïcode');
    assert.equal(got.i, -2147483648);
    assert.equal(got.b, 9007199254740993n);
    assert.equal(got.s, -32768);
    assert.equal(got.t, 127);
    assert.equal(got.bo, true);
    assert.deepEqual(got.bl, Buffer.from([0, 255, 1]));
    assert.equal(got.d, 0.1);
    assert.equal(got.f, 1.5);
    assert.equal(got.ts.getTime(), 1700000000123);
    assert.equal(got.u.toString(), u.toString());
    assert.equal(got.tu.toString(), tu.toString());
    assert.equal(got.ip.toString(), '10.1.2.3');
    assert.equal(got.vi, 123456789012345678901234567890n);
    assert.deepEqual(got.l, [3, 1, 2]);
    // a set comes back sorted and without repeats; a map sorted by key (Cassandra's order)
    assert.deepEqual(got.st, ['a', 'b', 'c']);
    assert.deepEqual(Object.keys(got.m), ['a', 'z']);
    assert.deepEqual(got.fl, ['x', 'y']);
    // literals of every kind in CQL text
    await client.execute(`INSERT INTO typed (k, i, b, bo, bl, d, ts, u, ip, l, st, m) VALUES ('k2', -5, 12, false, 0xcafe, -1.5e3,
      '2024-01-02 03:04:05+0000', ${u}, '192.168.0.1', [1, 2], {'q'}, {'x': 5})`);
    const lit = (await client.execute("SELECT * FROM typed WHERE k = 'k2'")).rows[0];
    assert.equal(lit.i, -5);
    assert.equal(lit.b, 12n);
    assert.equal(lit.bo, false);
    assert.deepEqual(lit.bl, Buffer.from([0xca, 0xfe]));
    assert.equal(lit.d, -1500);
    assert.equal(lit.ts.toISOString(), '2024-01-02T03:04:05.000Z');
    assert.equal(lit.ip.toString(), '192.168.0.1');
    assert.deepEqual(lit.st, ['q']);
    assert.equal(lit.m.x, 5n);
    // an int literal out of range is refused, as Cassandra refuses it
    await assert.rejects(client.execute("INSERT INTO typed (k, t) VALUES ('k3', 128)"), (e: Error & { code?: number }) => e.code === types.responseErrorCodes.invalid);
  });
});
