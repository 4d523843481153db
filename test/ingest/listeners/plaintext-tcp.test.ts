import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { plaintextTcpListener } from '../../../src/ingest/listeners/plaintext-tcp.js';
import { Stats } from '../../../src/lib/stats.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { RecordingWriter } from '../../helpers/recording-writer.js';
import { closedByServer, connectTo, cut, sendAll } from './sockets.js';

async function startListener(opts: { maxLineBytes?: number; tooOldBefore?: number; stopGraceMs?: number } = {}) {
  const writer = new RecordingWriter(opts.tooOldBefore);
  const stats = new Stats();
  const listener = plaintextTcpListener({ host: '127.0.0.1', port: 0 }, opts.maxLineBytes ?? 8192, { writer, stats, log: silentLogger }, opts.stopGraceMs);
  await listener.start();
  const counter = (name: string) => stats.collect().find((s) => s.name === `ingest.tcp.${name}`)?.value ?? 0;
  return { writer, stats, listener, address: listener.address(), counter };
}

function lines(n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, i) => `servers.web${(from + i) % 7}.cpu.user ${((from + i) * 0.25).toFixed(2)} ${1795316580 + from + i}`);
}

test('many lines over one connection, written in arbitrary pieces, all arrive in order and committed', async () => {
  const t = await startListener();
  try {
    const text = lines(20_000).join('\n') + '\n';
    const stream = Buffer.from(text);
    const offsets = fc.sample(fc.nat(stream.length), { numRuns: 300, seed: 9 });
    await sendAll(t.address, cut(stream, offsets));
    await t.writer.waitFor(20_000);
    assert.deepEqual(
      t.writer.committed.map((p) => `${p.name} ${p.value.toFixed(2)} ${p.timestamp}`),
      text.trimEnd().split('\n'),
    );
    assert.equal(t.writer.pending.length, 0);
    assert.equal(t.counter('points_accepted'), 20_000);
    assert.equal(t.counter('received'), 20_000);
    assert.equal(t.counter('connections'), 1);
  } finally {
    await t.listener.stop();
  }
});

test('property: any split of a stream over a real socket gives the same points', async () => {
  const t = await startListener({ maxLineBytes: 100 });
  try {
    const stream = Buffer.from([...lines(50), 'badline', '', `${'x'.repeat(150)} 1 1`, ...lines(50, 50), 'last.line 1 1795316580'].join('\r\n'));
    const expected = [...lines(50), ...lines(50, 50), 'last.line 1 1795316580'];
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(stream.length), { maxLength: 30 }), async (offsets) => {
        const before = t.writer.committed.length;
        await sendAll(t.address, cut(stream, offsets));
        sent += expected.length;
        await t.writer.waitFor(sent);
        assert.deepEqual(
          t.writer.committed.slice(before).map((p) => `${p.name} ${p.value} ${p.timestamp}`),
          expected.map((l) => l.split(' ').map((f, i) => (i === 1 ? String(Number(f)) : f)).join(' ')),
        );
      }),
      { numRuns: 25, seed: 4 },
    );
    assert.equal(t.counter('rejected.fields'), 25);
    assert.equal(t.counter('rejected.too_long'), 25);
  } finally {
    await t.listener.stop();
  }
});

test('malformed lines amid good ones: every good line arrives, the bad are counted by reason, the connection lives', async () => {
  const t = await startListener({ maxLineBytes: 64, tooOldBefore: 1_000_000_000 });
  try {
    const input = [
      'good.a 1 1795316580',
      'nofields',
      'bad.value abc 1795316580',
      'bad.ts 1 yesterday',
      `${'long'.repeat(40)} 1 1795316580`,
      'bad..name 1 1795316580',
      'too.old 1 100',
      'nan.value nan 1795316580',
      'good.b 2',
      'good.c 3 -1',
      'tagged;dc=eu;host=web01 4 1795316580',
      'bad.tag;=x 5 1795316580',
    ].join('\n');
    await sendAll(t.address, [Buffer.from(input)]);
    await t.writer.waitFor(4);
    assert.deepEqual(t.writer.committed, [
      { name: 'good.a', value: 1, timestamp: 1795316580 },
      { name: 'good.b', value: 2, timestamp: -1 },
      { name: 'good.c', value: 3, timestamp: -1 },
      { name: 'tagged;dc=eu;host=web01', value: 4, timestamp: 1795316580 },
    ]);
    assert.equal(t.counter('rejected.fields'), 1);
    assert.equal(t.counter('rejected.value'), 1);
    assert.equal(t.counter('rejected.timestamp'), 1);
    assert.equal(t.counter('rejected.too_long'), 1);
    assert.equal(t.counter('rejected.name'), 2);
    assert.equal(t.counter('rejected.too_old'), 1);
    assert.equal(t.counter('points_dropped_nan'), 1);
    assert.equal(t.counter('points_accepted'), 4);
    assert.equal(t.counter('received'), 12);
  } finally {
    await t.listener.stop();
  }
});

test('an overlong line sent in many writes is dropped without closing the connection', async () => {
  const t = await startListener({ maxLineBytes: 1024 });
  try {
    const s = await connectTo(t.address);
    s.write('before 1 1\n');
    for (let i = 0; i < 200; i++) s.write('y'.repeat(10_000));
    s.write(' 1 1\nafter 2 2\n');
    await t.writer.waitFor(2);
    assert.deepEqual(t.writer.committed.map((p) => p.name), ['before', 'after']);
    assert.equal(t.counter('rejected.too_long'), 1);
    assert.ok(!s.destroyed);
    s.end();
    await closedByServer(s);
  } finally {
    await t.listener.stop();
  }
});

test('graceful stop: what senders wrote before stop() is committed, their last line too, and stop() returns', async () => {
  const t = await startListener();
  const sockets = await Promise.all([connectTo(t.address), connectTo(t.address), connectTo(t.address)]);
  const closed = sockets.map((s) => closedByServer(s));
  // the listener has accepted them (not merely the kernel)
  while (t.counter('connections_open') < 3) await new Promise((r) => setTimeout(r, 5));
  await Promise.all(sockets.map((s, k) => new Promise<void>((resolve) => s.write(`${lines(1000, k * 1000).join('\n')}\nunfinished.${k} 5 5`, () => resolve()))));
  await t.listener.stop();
  await Promise.all(closed);
  assert.equal(t.writer.committed.length, 3003);
  assert.deepEqual(t.writer.committed.filter((p) => p.name.startsWith('unfinished')).map((p) => p.name).sort(), ['unfinished.0', 'unfinished.1', 'unfinished.2']);
  assert.equal(t.writer.pending.length, 0);
  // no longer listening
  await assert.rejects(connectTo(t.address), /ECONNREFUSED/);
});

test('stop() cuts off a sender that does not finish, after the grace period; its unfinished line is dropped', async () => {
  const t = await startListener({ stopGraceMs: 50 });
  const s = await connectTo(t.address, { allowHalfOpen: true });
  s.resume();
  s.on('error', () => {});
  await new Promise<void>((resolve) => s.write('kept 1 1\ncut.off 2', () => resolve()));
  await t.writer.waitFor(1);
  await t.listener.stop();
  s.destroy();
  assert.deepEqual(t.writer.committed.map((p) => p.name), ['kept']);
});

test('a failing commit closes that connection (the sender must not think the points were kept); the listener goes on', async () => {
  const t = await startListener();
  try {
    const s = await connectTo(t.address);
    const closed = closedByServer(s);
    s.on('error', () => {});
    t.writer.failNextCommit = true;
    s.write('lost 1 1\n');
    await closed;
    assert.equal(t.counter('commit_errors'), 1);
    assert.equal(t.counter('points_accepted'), 0);
    await sendAll(t.address, [Buffer.from('kept 2 2\n')]);
    await t.writer.waitFor(1);
    assert.deepEqual(t.writer.committed.map((p) => p.name), ['kept']);
  } finally {
    await t.listener.stop();
  }
});

test('connections are counted, and the open ones gauged', async () => {
  const t = await startListener();
  try {
    const a = await connectTo(t.address);
    const b = await connectTo(t.address);
    await new Promise<void>((resolve) => a.write('x 1 1\n', () => resolve()));
    await t.writer.waitFor(1);
    assert.equal(t.counter('connections'), 2);
    assert.equal(t.counter('connections_open'), 2);
    const closed = closedByServer(a);
    a.end();
    await closed;
    while (t.counter('connections_open') !== 1) await new Promise((r) => setTimeout(r, 5));
    b.destroy();
  } finally {
    await t.listener.stop();
  }
  assert.equal(t.counter('connections_open'), 0);
});
