import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { validateConfig } from '../../src/config/load.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { createStorageService } from '../../src/app/storage-service.js';
import { plaintextTcpListener } from '../../src/ingest/listeners/plaintext-tcp.js';
import { ManualClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';
import { Stats } from '../../src/lib/stats.js';
import { connectTo } from '../ingest/listeners/sockets.js';
import { flaky } from './flaky-backends.js';
import { NOW, openStorage } from './helpers.js';

const SERIES = 40;
const STEP = 10;
const FIRST = NOW - 7 * 86400 + 3600;
const LINES_PER_WRITE = 2000;
/** a few times what the socket buffers and the limits take before the pause: a sender never paused by then fails the test */
const MAX_LINES = 800_000;
const CONFIG = { retentions: [{ pattern: '.*', retentions: '10s:7d' }], selfMetrics: { enabled: false } };

/** Line i of the stream: series i % SERIES, one point every STEP seconds each, value i. */
function lineBlock(first: number, count: number): Buffer {
  let text = '';
  for (let i = first; i < first + count; i++) text += `bp.s${i % SERIES} ${i} ${FIRST + Math.floor(i / SERIES) * STEP}\n`;
  return Buffer.from(text);
}

async function until(what: string, cond: () => boolean): Promise<void> {
  for (let k = 0; !cond(); k++) {
    if (k > 6000) throw new Error(`gave up waiting for ${what}`);
    await sleep(10);
  }
}

/** A carbon sender writing the stream as fast as its socket takes it (it waits for 'drain', as a well-behaved client does). */
class Sender {
  sent = 0;
  private draining: Promise<void> | null = null;

  constructor(readonly socket: Socket) {}

  /** Whether a write is waiting for the socket to drain: the receiver has stopped taking bytes. */
  get blocked(): boolean {
    return this.draining !== null;
  }

  /** Writes blocks until `stop()` says so or the socket blocks; returns once one of them holds. */
  async writeUntil(stop: () => boolean): Promise<void> {
    while (!stop()) {
      if (this.sent + LINES_PER_WRITE > MAX_LINES) throw new Error(`${this.sent} lines sent and still not stopped`);
      if (this.draining) {
        await Promise.race([this.draining, sleep(20)]);
        continue;
      }
      const ok = this.socket.write(lineBlock(this.sent, LINES_PER_WRITE));
      this.sent += LINES_PER_WRITE;
      if (!ok) this.draining = new Promise<void>((resolve) => this.socket.once('drain', () => ((this.draining = null), resolve())));
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async drained(): Promise<void> {
    await this.draining;
  }

  async finish(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.end();
    await closed;
  }
}

/**
 * The store (and registry) goes down while a real TCP sender streams points as fast as it can;
 * the limits of `limits` stop the listener reading, the sender's socket backs up, and once the
 * store is back a flush lets ingest go on: every point sent is then stored, none dropped.
 */
async function pauseAndResume(limits: ConfigInput, cause: 'hot' | 'log') {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-pressure-'));
  const parts = await flaky(dir);
  const stats = new Stats();
  const config = validateConfig({ ...CONFIG, ...limits, flush: { onStop: true, intervalMs: 3_600_000 }, dataDir: dir });
  const svc = createStorageService(config, { clock: new ManualClock(NOW * 1000), logger: silentLogger, stats, store: parts.store, registry: parts.registry, writer: parts.writer });
  await svc.start();
  const listener = plaintextTcpListener({ host: '127.0.0.1', port: 0 }, 8192, { writer: svc.engine, stats, log: silentLogger });
  await listener.start();
  const figure = (name: string) => stats.collect(false).find((s) => s.name === name)?.value ?? NaN;
  const accepted = () => figure('ingest.tcp.points_accepted');
  let running = true;
  const stopAll = async () => {
    if (!running) return;
    running = false;
    // a failed test leaves the store down: the stop's flush must work
    parts.state.failing = false;
    await listener.stop();
    await svc.stop();
    await parts.close();
  };
  try {
    parts.state.failing = true;
    const sender = new Sender(await connectTo(listener.address()));
    sender.socket.resume(); // the server never writes; reading lets 'close' come
    const paused = () => svc.engine.backlog() !== null && figure('ingest.tcp.connections_paused') === 1;
    await sender.writeUntil(() => paused() && sender.blocked);

    // paused: the listener reads nothing more, so the sender stays blocked with bytes unsent
    const acceptedAtPause = accepted();
    assert.ok(figure('engine.flush_errors') > 0, 'the store refused the flushes');
    if (cause === 'log') assert.ok(figure('engine.wal_bytes') >= limits.wal!.pauseIngestAtBytes!, 'the log reached its limit');
    else assert.ok(figure('engine.hot_bytes') >= limits.memory!.maxHotBytes!, 'the hot chunks are over their budget');
    assert.ok(acceptedAtPause < sender.sent, 'some of what was sent waits in the sockets');
    await sleep(300);
    assert.equal(accepted(), acceptedAtPause, 'nothing is read while paused');
    assert.ok(sender.blocked && sender.socket.writableLength > 0, "the sender's writes are held back");
    assert.equal(figure('engine.ingest_paused'), 1);

    // the store is back: a flush makes room, the listener reads again, the sender drains
    parts.state.failing = false;
    await svc.engine.flush();
    await sender.drained();
    const total = sender.sent + LINES_PER_WRITE * 10;
    await sender.writeUntil(() => sender.sent >= total);
    await sender.finish();
    await until('every line sent to be accepted', () => accepted() === total);
    assert.equal(figure('ingest.tcp.received'), total);
    assert.ok(figure('ingest.tcp.paused_reads') >= 1);
    await stopAll();

    // everything sent is in the store: a fresh engine on the same data reads it all back
    const st = await openStorage({ ...CONFIG, flush: { onStop: false } }, NOW, dir);
    try {
      assert.equal(st.stats.counter('engine.points_replayed').value, 0, 'the stop flushed everything');
      const perSeries = Math.ceil(total / SERIES);
      for (let k = 0; k < SERIES; k++) {
        const r = await st.reader.fetch(`bp.s${k}`, FIRST - STEP, FIRST + perSeries * STEP, NOW);
        assert.ok(r, `bp.s${k} is stored`);
        const got = Array.from(r.values.subarray(0, perSeries));
        const want = Array.from({ length: perSeries }, (_, j) => (j * SERIES + k < total ? j * SERIES + k : NaN));
        assert.deepEqual(got, want, `bp.s${k}`);
      }
    } finally {
      await st.svc.stop();
    }
  } finally {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('ingest back-pressure while the store is down', () => {
  it('the hot chunks at their limit pause a TCP sender; it resumes once a flush succeeds, and nothing sent is lost', async () => {
    await pauseAndResume({ memory: { maxHotBytes: 64 * 1024, pauseIngestAtHotBytes: 128 * 1024 } }, 'hot');
  });

  it('the write-ahead log at its limit pauses a TCP sender the same way', async () => {
    await pauseAndResume({ wal: { segmentBytes: 64 * 1024, pauseIngestAtBytes: 512 * 1024 } }, 'log');
  });
});
