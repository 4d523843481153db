import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openStorage } from './helpers.js';
import { testBackend } from '../helpers/test-backend.js';
import { runChildUntil } from '../helpers/signal-child.js';
import { batchPoint, CRASH_CONFIG, NOW, SERIES } from './crash-batches.js';

const CHILD = new URL('./crash-child.ts', import.meta.url);

/** Starts the child, sends `signal` once it has acknowledged `after` batches. */
const runChild = async (dir: string, after: number, signal: NodeJS.Signals, mode: 'flush-on-stop' | 'log-on-stop' = 'log-on-stop') => {
  await testBackend(dir); // the child joins the suites' backend for this directory (test-backend.ts)
  return runChildUntil(CHILD, [dir, mode], after, signal);
};

/** Reopens the directory, checks every acknowledged point; returns how many points the log replayed. */
async function assertBatchesReadable(dir: string, last: number): Promise<number> {
  const st = await openStorage(CRASH_CONFIG, NOW, dir);
  try {
    const replayed = st.stats.counter('engine.points_replayed').value;
    for (let i = 0; i < SERIES; i++) {
      const r = await st.reader.fetch(`crash.s${i}`, NOW - 20010, NOW, NOW);
      assert.ok(r, `series ${i} exists`);
      for (let k = 0; k <= last; k++) {
        const p = batchPoint(k, i);
        assert.equal(r.values[(p.timestamp - r.start) / r.step], p.value, `series ${i} batch ${k}`);
      }
    }
    return replayed;
  } finally {
    await st.svc.stop();
  }
}

describe('storage engine: crash recovery (child process)', () => {
  it('every batch acknowledged before a SIGKILL is readable after restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carbyne-crash-'));
    try {
      const run = await runChild(dir, 400, 'SIGKILL');
      assert.equal(run.signal, 'SIGKILL');
      assert.ok(run.last >= 400, `acknowledged ${run.last}`);
      const replayed = await assertBatchesReadable(dir, run.last);
      // some points were only in the log, and some had been flushed and cut from it already
      assert.ok(replayed > 0, 'the log was replayed');
      assert.ok(replayed < (run.last + 1) * SERIES, `replayed ${replayed} of ${(run.last + 1) * SERIES}`);
      // and again after that restart flushed and cut the log
      assert.equal(await assertBatchesReadable(dir, run.last), 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('SIGTERM syncs the log and exits 0 without flushing: every acknowledged batch is replayed at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carbyne-term-'));
    try {
      const run = await runChild(dir, 300, 'SIGTERM');
      assert.equal(run.code, 0);
      const replayed = await assertBatchesReadable(dir, run.last);
      assert.ok(replayed > 0, 'the log held what was hot');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('SIGTERM with flush.onStop flushes everything, exits 0 and leaves nothing to replay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carbyne-term-'));
    try {
      const run = await runChild(dir, 300, 'SIGTERM', 'flush-on-stop');
      assert.equal(run.code, 0);
      const walDir = join(dir, 'wal');
      const leftovers = readdirSync(walDir).filter((f) => f.endsWith('.wal') && statSync(join(walDir, f)).size > 0);
      assert.deepEqual(leftovers, []);
      assert.equal(await assertBatchesReadable(dir, run.last), 0, 'nothing to replay');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
