import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { pickleTcpListener } from '../../../src/ingest/listeners/pickle-tcp.js';
import { Stats } from '../../../src/lib/stats.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { RecordingWriter } from '../../helpers/recording-writer.js';
import { runPython } from '../../helpers/python.js';
import { closedByServer, connectTo, cut, sendAll } from './sockets.js';

async function startListener(maxFrameBytes = 1024 * 1024) {
  const writer = new RecordingWriter();
  const stats = new Stats();
  const listener = pickleTcpListener({ host: '127.0.0.1', port: 0 }, maxFrameBytes, { writer, stats, log: silentLogger });
  await listener.start();
  const counter = (name: string) => stats.collect().find((s) => s.name === `ingest.pickle.${name}`)?.value ?? 0;
  return { writer, listener, address: listener.address(), counter };
}

/**
 * Length-prefixed frames as carbon senders write them: Python's pickle of lists of
 * (path, (timestamp, value)), `perFrame` points each, one protocol per frame in turn.
 */
function pythonFrames(points: number, perFrame: number, protocols: number[]): Buffer {
  return runPython(
    `
import pickle, struct, sys
points, per_frame = int(sys.argv[1]), int(sys.argv[2])
protocols = [int(p) for p in sys.argv[3].split(',')]
out, batch, k = sys.stdout.buffer, [], 0
for i in range(points):
    batch.append(('servers.web%02d.cpu.user' % (i % 13), (1795316580 + i, i * 0.5)))
    if len(batch) == per_frame or i == points - 1:
        body = pickle.dumps(batch, protocol=protocols[k % len(protocols)])
        out.write(struct.pack('!L', len(body)) + body)
        batch, k = [], k + 1
`,
    '',
    [String(points), String(perFrame), protocols.join(',')],
  );
}

function frame(body: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt32BE(body.length);
  return Buffer.concat([h, body]);
}

const expectedPoints = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `servers.web${String(i % 13).padStart(2, '0')}.cpu.user`, value: i * 0.5, timestamp: 1795316580 + i }));

test('pickle frames from Python (protocols 0, 1, 2, 4, 5), cut anywhere across writes, all arrive', async () => {
  const t = await startListener();
  try {
    const stream = pythonFrames(5000, 100, [0, 1, 2, 4, 5]);
    const offsets = fc.sample(fc.nat(stream.length), { numRuns: 200, seed: 21 });
    await sendAll(t.address, cut(stream, offsets));
    await t.writer.waitFor(5000);
    assert.deepEqual(t.writer.committed, expectedPoints(5000));
    assert.equal(t.counter('frames'), 50);
    assert.equal(t.counter('points_accepted'), 5000);
  } finally {
    await t.listener.stop();
  }
});

test('a bad frame is counted and skipped, a malicious one refused without running; the connection and the frames around them survive', async () => {
  const t = await startListener();
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-pickle-'));
  const marker = join(dir, 'ran');
  try {
    const evil = runPython(
      `
import os, pickle, sys
class Evil:
    def __reduce__(self): return (os.system, ('touch ' + sys.argv[1],))
sys.stdout.buffer.write(pickle.dumps([('a.b', (1, 2)), Evil()], protocol=2))`,
      '',
      [marker],
    );
    const good = pythonFrames(10, 10, [2]);
    const stream = Buffer.concat([good, frame(Buffer.from('not a pickle')), frame(evil), frame(Buffer.alloc(0)), good]);
    const s = await connectTo(t.address);
    const closed = closedByServer(s);
    await new Promise<void>((resolve) => s.write(stream, () => resolve()));
    await t.writer.waitFor(20);
    assert.ok(!s.destroyed, 'connection still open');
    s.end();
    await closed;
    assert.deepEqual(t.writer.committed, [...expectedPoints(10), ...expectedPoints(10)]);
    assert.equal(t.counter('frames'), 5);
    assert.equal(t.counter('frames_rejected'), 3);
    assert.ok(!existsSync(marker));
  } finally {
    await t.listener.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a frame longer than maxPickleFrameBytes closes the connection, as carbon does; frames before it are kept', async () => {
  const t = await startListener(4096);
  try {
    const s = await connectTo(t.address);
    const closed = closedByServer(s);
    s.on('error', () => {});
    const header = Buffer.alloc(4);
    header.writeUInt32BE(1 << 30);
    s.write(Buffer.concat([pythonFrames(5, 5, [2]), header, Buffer.alloc(100)]));
    await closed;
    assert.deepEqual(t.writer.committed, expectedPoints(5));
    assert.equal(t.counter('frames_oversized'), 1);
    // the listener itself goes on
    await sendAll(t.address, [pythonFrames(3, 3, [4])]);
    await t.writer.waitFor(8);
  } finally {
    await t.listener.stop();
  }
});

test('a connection that ends inside a frame: the partial frame is counted and dropped, nothing of it written', async () => {
  const t = await startListener();
  try {
    const whole = pythonFrames(20, 10, [2]);
    await sendAll(t.address, [whole.subarray(0, whole.length - 7)]);
    await t.writer.waitFor(10);
    while (t.counter('frames_truncated') < 1) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(t.writer.committed, expectedPoints(10));
  } finally {
    await t.listener.stop();
  }
});

test('graceful stop: frames written before stop() are committed', async () => {
  const t = await startListener();
  const s = await connectTo(t.address);
  const closed = closedByServer(s);
  while (t.counter('connections_open') < 1) await new Promise((r) => setTimeout(r, 5));
  await new Promise<void>((resolve) => s.write(pythonFrames(3000, 500, [2, 4]), () => resolve()));
  await t.listener.stop();
  await closed;
  assert.deepEqual(t.writer.committed, expectedPoints(3000));
});
