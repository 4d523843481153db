// The protocols in front of a writer with no room (PointWriter.backlog: its store down and its
// limits reached): HTTP bodies wait, then are refused with a 503; UDP datagrams are dropped and
// counted. The TCP listeners' pause over real sockets is in test/engine/back-pressure.test.ts.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpIngest } from '../../src/ingest/http-ingest.js';
import { PlaintextUdpListener } from '../../src/ingest/listeners/plaintext-udp.js';
import { silentLogger } from '../../src/lib/logger.js';
import { BackendUnavailableError } from '../../src/lib/service-errors.js';
import { Stats } from '../../src/lib/stats.js';
import { RecordingWriter } from '../helpers/recording-writer.js';
import { sendDatagrams } from './listeners/sockets.js';

/** A RecordingWriter whose backlog() is a promise while `pause()` holds, resolved by `resume()`. */
class PausableWriter extends RecordingWriter {
  private gate: { promise: Promise<void>; resolve: () => void } | null = null;
  pause(): void {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    this.gate = { promise, resolve };
  }
  resume(): void {
    this.gate?.resolve();
    this.gate = null;
  }
  backlog(): Promise<void> | null {
    return this.gate?.promise ?? null;
  }
}

test('POST /ingest waits while the writer has no room and commits once it has', async () => {
  const writer = new PausableWriter();
  const ingest = new HttpIngest({ writer, stats: new Stats(), log: silentLogger }, 1000, false, 60_000);
  writer.pause();
  let answered = false;
  const report = ingest.plaintext(Buffer.from('a.b 1 1795316580\na.c 2 1795316580\n'), 'test').then((r) => ((answered = true), r));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(answered, false, 'the body waits');
  assert.equal(writer.committed.length, 0);
  writer.resume();
  assert.equal((await report).accepted, 2);
  assert.deepEqual(writer.committed.map((p) => p.name), ['a.b', 'a.c']);
});

test('POST /ingest refuses with a 503 error and Retry-After when the writer stays full past the wait', async () => {
  const writer = new PausableWriter();
  const ingest = new HttpIngest({ writer, stats: new Stats(), log: silentLogger }, 1000, false, 30);
  writer.pause();
  await assert.rejects(ingest.plaintext(Buffer.from('a.b 1 1795316580\n'), 'test'), (err: Error) => {
    assert.ok(err instanceof BackendUnavailableError);
    assert.equal(err.retryAfterSeconds, 10);
    assert.match(err.message, /ingest is paused/);
    return true;
  });
  assert.deepEqual(writer.committed, []);
  assert.deepEqual(writer.pending, [], 'nothing half-written');
});

test('UDP datagrams are dropped and counted while the writer has no room, taken again once it has', async () => {
  const writer = new PausableWriter();
  const stats = new Stats();
  const listener = new PlaintextUdpListener({ host: '127.0.0.1', port: 0 }, 100, { writer, stats, log: silentLogger });
  await listener.start();
  const counter = (name: string) => stats.collect().find((s) => s.name === `ingest.udp.${name}`)?.value ?? 0;
  try {
    writer.pause();
    await sendDatagrams(listener.address(), [Buffer.from('dropped.a 1 1795316580\n'), Buffer.from('dropped.b 2 1795316580\n')]);
    while (counter('datagrams') < 2) await new Promise((r) => setTimeout(r, 5));
    assert.equal(counter('datagrams_dropped_backlog'), 2);
    writer.resume();
    await sendDatagrams(listener.address(), [Buffer.from('kept.a 3 1795316580\n')]);
    await writer.waitFor(1);
    assert.deepEqual(writer.committed.map((p) => p.name), ['kept.a']);
    assert.equal(counter('datagrams_dropped_backlog'), 2);
  } finally {
    await listener.stop();
  }
});
