// CQL statements through the real driver: the shapes carbyne's Cassandra store will use, with
// the answers Cassandra gives (CQL reference: "Data Manipulation"; native_protocol_v4.spec 8 for
// paging).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Session, types, withSession } from './cql-client.js';

const INVALID = types.responseErrorCodes.invalid;
const isCode = (code: number, re?: RegExp) => (e: Error & { code?: number }) => e.code === code && (!re || re.test(e.message));

async function chunksTable(s: Session): Promise<void> {
  await s.client.execute(`CREATE TABLE chunks (id text, res int, end_time bigint, data blob, PRIMARY KEY ((id, res), end_time))
    WITH CLUSTERING ORDER BY (end_time DESC)`);
}

const ends = (rows: readonly { [k: string]: unknown }[]) => rows.map((r) => Number(r.end_time));

test('clustering slices, ORDER BY, LIMIT and IN come back in Cassandra order', async () => {
  await withSession(async (s) => {
    await chunksTable(s);
    for (const id of ['a', 'b']) for (let t = 1; t <= 10; t++) await s.run('INSERT INTO chunks (id, res, end_time, data) VALUES (?, ?, ?, ?)', [id, 10, BigInt(t * 100), Buffer.from([t])]);
    const q = 'SELECT end_time FROM chunks WHERE id = ? AND res = ?';
    // the table is DESC: the natural order is newest first
    assert.deepEqual(ends((await s.run(q, ['a', 10])).rows), [1000, 900, 800, 700, 600, 500, 400, 300, 200, 100]);
    assert.deepEqual(ends((await s.run(`${q} AND end_time > ? AND end_time <= ?`, ['a', 10, 300n, 600n])).rows), [600, 500, 400]);
    assert.deepEqual(ends((await s.run(`${q} AND end_time >= ? ORDER BY end_time ASC LIMIT 3`, ['a', 10, 450n])).rows), [500, 600, 700]);
    assert.deepEqual(ends((await s.run(`${q} AND end_time < ? LIMIT 2`, ['a', 10, 450n])).rows), [400, 300]);
    assert.deepEqual(ends((await s.run(`${q} AND end_time = ?`, ['a', 10, 700n])).rows), [700]);
    assert.deepEqual(ends((await s.run(`${q} AND end_time IN (?, ?, ?)`, ['a', 10, 100n, 1000n, 555n])).rows), [1000, 100]);
    // IN on the partition key: partitions in the order named, each in clustering order
    const r = await s.run('SELECT id, end_time FROM chunks WHERE id IN ? AND res = ? AND end_time >= ?', [['b', 'a', 'b'], 10, 900n]);
    assert.deepEqual(
      r.rows.map((x) => `${x.id}${x.end_time}`),
      ['b1000', 'b900', 'a1000', 'a900'],
    );
    // PER PARTITION LIMIT, COUNT(*)
    const p = await s.run('SELECT id, end_time FROM chunks WHERE id IN (?, ?) AND res = ? PER PARTITION LIMIT 1', ['a', 'b', 10]);
    assert.deepEqual(
      p.rows.map((x) => `${x.id}${x.end_time}`),
      ['a1000', 'b1000'],
    );
    const c = await s.run('SELECT COUNT(*) FROM chunks WHERE id = ? AND res = ? AND end_time > ?', ['a', 10, 250n]);
    assert.equal(c.rows[0].count, 8n);
    // ORDER BY across an IN of partitions sorts the whole answer, and cannot be paged
    const sorted = await s.run('SELECT id, end_time FROM chunks WHERE id IN (?, ?) AND res = ? ORDER BY end_time ASC LIMIT 3', ['b', 'a', 10], { fetchSize: 0 });
    assert.deepEqual(ends(sorted.rows), [100, 100, 200]);
    await assert.rejects(s.run('SELECT id FROM chunks WHERE id IN (?, ?) AND res = ? ORDER BY end_time ASC', ['b', 'a', 10]), isCode(INVALID, /Cannot page queries with both ORDER BY and a IN/));
  });
});

test('restrictions Cassandra refuses are refused with its messages', async () => {
  await withSession(async (s) => {
    await chunksTable(s);
    await s.client.execute('CREATE TABLE wide (a text, b text, c int, d int, v text, PRIMARY KEY (a, c, d))');
    await assert.rejects(s.client.execute("SELECT * FROM chunks WHERE id = 'x'"), isCode(INVALID, /ALLOW FILTERING/));
    await assert.rejects(s.client.execute("SELECT * FROM chunks WHERE data = 0x00"), isCode(INVALID, /ALLOW FILTERING/));
    await assert.rejects(s.client.execute("SELECT * FROM wide WHERE a = 'x' AND d = 1"), isCode(INVALID, /PRIMARY KEY column "d" cannot be restricted as preceding column "c" is not restricted/));
    await assert.rejects(s.client.execute("SELECT * FROM wide WHERE a = 'x' AND c > 1 AND d = 1"), isCode(INVALID, /Clustering column "d" cannot be restricted \(preceding column "c" is restricted by a non-EQ relation\)/));
    await assert.rejects(s.client.execute("SELECT * FROM wide WHERE a = 'x' ORDER BY d"), isCode(INVALID, /Order by currently only supports/));
    await assert.rejects(s.client.execute('SELECT * FROM wide ORDER BY c DESC'), isCode(INVALID, /ORDER BY is only supported when the partition key is restricted/));
    await assert.rejects(s.client.execute("SELECT * FROM wide WHERE a > 'x'"), isCode(INVALID, /Only EQ and IN relation are supported on the partition key/));
    await assert.rejects(s.client.execute("UPDATE wide SET v = 'x' WHERE a = 'x' AND c = 1"), isCode(INVALID, /Some clustering keys are missing: d/));
    await assert.rejects(s.client.execute("INSERT INTO wide (a, c, v) VALUES ('x', 1, 'y')"), isCode(INVALID, /Some clustering keys are missing: d/));
    await assert.rejects(s.client.execute('SELECT * FROM nope'), isCode(INVALID, /unconfigured table nope/));
    await assert.rejects(s.client.execute('SELEC * FROM wide'), isCode(types.responseErrorCodes.syntaxError));
    // with ALLOW FILTERING a regular column filters rows
    await s.client.execute("INSERT INTO wide (a, c, d, v) VALUES ('x', 1, 1, 'keep')");
    await s.client.execute("INSERT INTO wide (a, c, d, v) VALUES ('x', 1, 2, 'drop')");
    await s.client.execute("INSERT INTO wide (a, c, d, v) VALUES ('y', 3, 1, 'keep')");
    const f = await s.client.execute("SELECT a, d FROM wide WHERE v = 'keep' ALLOW FILTERING");
    assert.deepEqual(f.rows.map((r) => `${r.a}${r.d}`).sort(), ['x1', 'y1']);
    const g = await s.client.execute("SELECT a, d FROM wide WHERE a = 'x' AND d >= 2 ALLOW FILTERING");
    assert.deepEqual(g.rows.map((r) => `${r.a}${r.d}`), ['x2']);
  });
});

test('paging returns every row once, in order, across inserts between pages', async () => {
  await withSession(async (s) => {
    await chunksTable(s);
    const insert = 'INSERT INTO chunks (id, res, end_time, data) VALUES (?, ?, ?, ?)';
    await Promise.all(Array.from({ length: 1000 }, (_, i) => s.run(insert, ['p', 1, BigInt(i), Buffer.alloc(0)])));
    const seen: number[] = [];
    let pageState: string | undefined;
    let pages = 0;
    do {
      const r = await s.run('SELECT end_time FROM chunks WHERE id = ? AND res = ?', ['p', 1], { fetchSize: 128, pageState });
      // a page never exceeds the page size (native_protocol_v4.spec 8: "the first <result_page_size> rows")
      assert.ok(r.rows.length <= 128);
      seen.push(...ends(r.rows));
      pageState = r.pageState ?? undefined;
      pages++;
      // a row inserted behind the cursor is not returned, one ahead is
      if (pages === 2) await s.run(insert, ['p', 1, 5000n, Buffer.alloc(0)]);
      if (pages === 2) await s.run(insert, ['p', 1, -1n, Buffer.alloc(0)]);
    } while (pageState);
    assert.equal(pages, 8);
    const want = [...Array.from({ length: 1000 }, (_, i) => 999 - i), -1];
    assert.deepEqual(seen, want);
    // the driver's own auto-paging sees the same
    const all: number[] = [];
    for await (const row of s.client.stream('SELECT end_time FROM chunks WHERE id = ? AND res = ?', ['p', 1], { prepare: true, fetchSize: 100, autoPage: true }) as unknown as AsyncIterable<unknown>)
      all.push(Number((row as { end_time: bigint }).end_time));
    assert.equal(all.length, 1002);
    assert.deepEqual(all.slice(0, 2), [5000, 999]);
    // LIMIT holds across pages
    const limited: number[] = [];
    await new Promise<void>((resolve, reject) =>
      s.client.eachRow(
        'SELECT end_time FROM chunks WHERE id = ? AND res = ? LIMIT 250',
        ['p', 1],
        { prepare: true, fetchSize: 100, autoPage: true },
        (_n, row) => limited.push(Number(row.end_time)),
        (err) => (err ? reject(err) : resolve()),
      ),
    );
    assert.equal(limited.length, 250);
  });
});

test('token ranges scan every partition exactly once, in token order', async () => {
  await withSession(async (s) => {
    await s.client.execute('CREATE TABLE series (id text PRIMARY KEY, name text)');
    const ids = Array.from({ length: 300 }, (_, i) => `series.${i}`);
    await Promise.all(ids.map((id) => s.run('INSERT INTO series (id, name) VALUES (?, ?)', [id, id.toUpperCase()])));
    const bounds = [-(2n ** 63n), -(2n ** 62n), 0n, 2n ** 62n, 2n ** 63n - 1n];
    const got: { id: string; token: bigint }[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const op = i === 0 ? '>=' : '>';
      const r = await s.run(`SELECT id, token(id) AS t FROM series WHERE token(id) ${op} ? AND token(id) <= ?`, [bounds[i], bounds[i + 1]], { fetchSize: 50, autoPage: true });
      let page = r;
      const rows = [...page.rows];
      while (page.pageState) {
        page = await s.run(`SELECT id, token(id) AS t FROM series WHERE token(id) ${op} ? AND token(id) <= ?`, [bounds[i], bounds[i + 1]], { fetchSize: 50, pageState: page.pageState });
        rows.push(...page.rows);
      }
      for (const row of rows) {
        assert.ok(row.t > bounds[i] || (i === 0 && row.t === bounds[0]));
        assert.ok(row.t <= bounds[i + 1]);
        got.push({ id: row.id, token: row.t });
      }
    }
    assert.deepEqual(got.map((g) => g.id).sort(), [...ids].sort());
    for (let i = 1; i < got.length; i++) assert.ok(got[i - 1].token <= got[i].token, 'ring order');
    // a whole-table scan is in the same order, and DISTINCT lists partition keys
    const full = await s.client.execute('SELECT id FROM series', [], { fetchSize: 1000 });
    assert.deepEqual(
      full.rows.map((r) => r.id),
      got.map((g) => g.id),
    );
    const distinct = await s.client.execute('SELECT DISTINCT id FROM series', [], { fetchSize: 1000 });
    assert.equal(distinct.rows.length, 300);
  });
});

test('USING TTL and default_time_to_live expire rows when the clock moves', async () => {
  await withSession(async (s) => {
    await s.client.execute('CREATE TABLE t (k text, c int, v text, PRIMARY KEY (k, c)) WITH default_time_to_live = 100');
    await s.run('INSERT INTO t (k, c, v) VALUES (?, ?, ?) USING TTL ?', ['a', 1, 'short', 10]);
    await s.run('INSERT INTO t (k, c, v) VALUES (?, ?, ?)', ['a', 2, 'default']);
    await s.run('INSERT INTO t (k, c, v) VALUES (?, ?, ?) USING TTL 0', ['a', 3, 'forever']);
    const ttl = await s.run('SELECT c, ttl(v) FROM t WHERE k = ?', ['a']);
    assert.deepEqual(
      ttl.rows.map((r) => [r.c, r['ttl(v)']]),
      [
        [1, 10],
        [2, 100],
        [3, null],
      ],
    );
    const cs = async () => (await s.run('SELECT c FROM t WHERE k = ?', ['a'])).rows.map((r) => r.c);
    s.server.clock.advance(9_999);
    assert.deepEqual(await cs(), [1, 2, 3]);
    s.server.clock.advance(1_000);
    assert.deepEqual(await cs(), [2, 3]);
    s.server.clock.advance(90_000);
    assert.deepEqual(await cs(), [3]);
    // an UPDATE's TTL applies to the cells it sets; the row lives while the INSERT's marker does
    await s.run('UPDATE t USING TTL 5 SET v = ? WHERE k = ? AND c = ?', ['brief', 'a', 3]);
    s.server.clock.advance(5_000);
    const r = await s.run('SELECT c, v FROM t WHERE k = ?', ['a']);
    assert.deepEqual(r.rows.map((x) => [x.c, x.v]), [[3, null]]);
    await assert.rejects(s.run('INSERT INTO t (k, c, v) VALUES (?, ?, ?) USING TTL ?', ['a', 9, 'x', -1]), isCode(INVALID, /A TTL must be greater or equal to 0/));
  }, { clockMs: 1_700_000_000_000 });
});

test('USING TIMESTAMP: the newest write wins, deletions shadow older writes', async () => {
  await withSession(async (s) => {
    await s.client.execute('CREATE TABLE kv (k text PRIMARY KEY, v text)');
    const put = (v: string, ts: bigint) => s.run('INSERT INTO kv (k, v) VALUES (?, ?) USING TIMESTAMP ?', ['a', v, ts]);
    const get = async () => (await s.run('SELECT v, writetime(v) FROM kv WHERE k = ?', ['a'])).rows[0];
    await put('second', 200n);
    await put('first', 100n);
    assert.equal((await get()).v, 'second');
    assert.equal((await get())['writetime(v)'], 200n);
    await s.run('DELETE FROM kv USING TIMESTAMP 150 WHERE k = ?', ['a']);
    assert.equal((await get()).v, 'second', 'a deletion older than the write leaves it');
    await s.run('DELETE FROM kv USING TIMESTAMP 250 WHERE k = ?', ['a']);
    assert.equal(await get(), undefined);
    await put('late but old', 240n);
    assert.equal(await get(), undefined, 'a write older than the deletion stays deleted');
    await put('new', 300n);
    assert.equal((await get()).v, 'new');
    // the driver's client-side timestamps order two writers the same way
    await s.run('INSERT INTO kv (k, v) VALUES (?, ?)', ['b', 'x'], { timestamp: types.Long.fromNumber(10) });
    await s.run('INSERT INTO kv (k, v) VALUES (?, ?)', ['b', 'y'], { timestamp: types.Long.fromNumber(5) });
    assert.equal((await s.run('SELECT v FROM kv WHERE k = ?', ['b'])).rows[0].v, 'x');
  });
});

test('lightweight transactions answer [applied] and the current row', async () => {
  await withSession(async (s) => {
    await s.client.execute('CREATE TABLE reg (id text PRIMARY KEY, name text, n int)');
    const first = await s.run('INSERT INTO reg (id, name, n) VALUES (?, ?, ?) IF NOT EXISTS', ['x', 'one', 1]);
    assert.equal(first.rows[0]['[applied]'], true);
    const again = await s.run('INSERT INTO reg (id, name, n) VALUES (?, ?, ?) IF NOT EXISTS', ['x', 'two', 2]);
    assert.equal(again.rows[0]['[applied]'], false);
    assert.equal(again.rows[0].name, 'one');
    const cas = await s.run('UPDATE reg SET n = ? WHERE id = ? IF n = ?', [5, 'x', 2]);
    assert.equal(cas.rows[0]['[applied]'], false);
    assert.equal(cas.rows[0].n, 1);
    assert.equal((await s.run('UPDATE reg SET n = ? WHERE id = ? IF n = ?', [5, 'x', 1])).rows[0]['[applied]'], true);
    assert.equal((await s.run('DELETE FROM reg WHERE id = ? IF EXISTS', ['nope'])).rows[0]['[applied]'], false);
    assert.equal((await s.run('DELETE FROM reg WHERE id = ? IF EXISTS', ['x'])).rows[0]['[applied]'], true);
    assert.equal((await s.run('SELECT * FROM reg')).rows.length, 0);
  });
});

test('DELETE of a column, a row, a clustering range and a partition', async () => {
  await withSession(async (s) => {
    await chunksTable(s);
    for (const id of ['a', 'b']) for (let t = 1; t <= 6; t++) await s.run('INSERT INTO chunks (id, res, end_time, data) VALUES (?, ?, ?, ?)', [id, 1, BigInt(t), Buffer.from([t])]);
    const q = (id: string) => s.run('SELECT end_time, data FROM chunks WHERE id = ? AND res = ?', [id, 1]);
    await s.run('DELETE data FROM chunks WHERE id = ? AND res = ? AND end_time = ?', ['a', 1, 6n]);
    assert.deepEqual((await q('a')).rows[0].data, null, 'the row stays, without the column');
    await s.run('DELETE FROM chunks WHERE id = ? AND res = ? AND end_time = ?', ['a', 1, 6n]);
    await s.run('DELETE FROM chunks WHERE id = ? AND res = ? AND end_time >= ? AND end_time < ?', ['a', 1, 2n, 4n]);
    assert.deepEqual(ends((await q('a')).rows), [5, 4, 1]);
    // an insert into the deleted range with a newer timestamp is back
    await s.run('INSERT INTO chunks (id, res, end_time, data) VALUES (?, ?, ?, ?)', ['a', 1, 3n, Buffer.from([3])]);
    assert.deepEqual(ends((await q('a')).rows), [5, 4, 3, 1]);
    await s.run('DELETE FROM chunks WHERE id = ? AND res = ?', ['b', 1]);
    assert.equal((await q('b')).rows.length, 0);
    await s.client.execute('TRUNCATE chunks');
    assert.equal((await s.client.execute('SELECT * FROM chunks')).rows.length, 0);
  });
});

test('BATCH applies every statement; multi-partition batches are bounded by size', async () => {
  await withSession(async (s) => {
    await chunksTable(s);
    const insert = 'INSERT INTO chunks (id, res, end_time, data) VALUES (?, ?, ?, ?)';
    const small = Array.from({ length: 20 }, (_, i) => ({ query: insert, params: [`s${i % 4}`, 1, BigInt(i), Buffer.alloc(16)] }));
    await s.client.batch(small, { prepare: true });
    const count = await s.client.execute('SELECT COUNT(*) FROM chunks');
    assert.equal(count.rows[0].count, 20n);
    await s.client.batch([{ query: "DELETE FROM chunks WHERE id = 's0' AND res = 1" }, { query: "INSERT INTO chunks (id, res, end_time) VALUES ('s0', 1, 99)" }], { logged: false });
    // the statements of a batch share one timestamp, and on a tie a deletion wins: the insert is
    // shadowed by the partition deletion beside it, as on Cassandra
    assert.deepEqual(ends((await s.run('SELECT end_time FROM chunks WHERE id = ? AND res = ?', ['s0', 1])).rows), []);
    // batch_size_warn_threshold_in_kb (5) warns, batch_size_fail_threshold_in_kb (50) refuses
    const warned = await s.client.batch(
      Array.from({ length: 4 }, (_, i) => ({ query: insert, params: [`w${i}`, 1, 1n, Buffer.alloc(2000)] })),
      { prepare: true },
    );
    assert.match(warned.info.warnings?.[0] ?? '', /is of size \d+, exceeding specified threshold of 5120/);
    const big = Array.from({ length: 30 }, (_, i) => ({ query: insert, params: [`big${i}`, 1, 1n, Buffer.alloc(2000)] }));
    await assert.rejects(s.client.batch(big, { prepare: true }), isCode(INVALID, /Batch too large/));
    assert.equal((await s.run('SELECT * FROM chunks WHERE id = ? AND res = ?', ['big0', 1])).rows.length, 0, 'nothing of a refused batch is applied');
    // a batch in CQL text
    await s.client.execute("BEGIN UNLOGGED BATCH INSERT INTO chunks (id, res, end_time) VALUES ('txt', 1, 1); INSERT INTO chunks (id, res, end_time) VALUES ('txt', 1, 2) APPLY BATCH");
    assert.deepEqual(ends((await s.run('SELECT end_time FROM chunks WHERE id = ? AND res = ?', ['txt', 1])).rows), [2, 1]);
    // one partition is never too large
    const onePartition = Array.from({ length: 30 }, (_, i) => ({ query: insert, params: ['one', 1, BigInt(i), Buffer.alloc(2000)] }));
    await s.client.batch(onePartition, { prepare: true });
    assert.equal((await s.run('SELECT COUNT(*) FROM chunks WHERE id = ? AND res = ?', ['one', 1])).rows[0].count, 30n);
  });
});

test('PREPARE reports bind markers with their types and partition key indexes', async () => {
  await withSession(async (s) => {
    await chunksTable(s);
    const q = 'SELECT data FROM chunks WHERE end_time > ? AND res = ? AND id = ? LIMIT ?';
    await s.run(q, ['x', 1, 0n, 5].slice(0, 0).concat([0n, 1, 'x', 5]));
    // the driver keeps what PREPARE answered: marker names/types and pk indexes in key order
    const info = (s.client as unknown as { metadata: { getPreparedInfo(ks: string, q: string): { meta: { columns: { name: string; type: { code: number } }[]; partitionKeys: number[] } } } }).metadata.getPreparedInfo('ks', q);
    assert.deepEqual(
      info.meta.columns.map((c) => [c.name, c.type.code]),
      [
        ['end_time', types.dataTypes.bigint],
        ['res', types.dataTypes.int],
        ['id', types.dataTypes.varchar],
        ['[limit]', types.dataTypes.int],
      ],
    );
    assert.deepEqual(info.meta.partitionKeys, [2, 1]);
    // named markers bind by name
    await s.client.execute('INSERT INTO chunks (id, res, end_time) VALUES (:id, :res, :t)', { id: 'n', res: 2, t: 7n }, { prepare: true });
    assert.equal((await s.run('SELECT end_time FROM chunks WHERE id = ? AND res = ?', ['n', 2])).rows[0].end_time, 7n);
    // a wrong value size is refused by the server (the driver cannot tell with hints off)
    await assert.rejects(s.client.execute('SELECT * FROM chunks WHERE id = ? AND res = ?', ['n', 'not an int'], { prepare: true }));
  });
});
