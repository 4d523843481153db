import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openStorage } from './helpers.js';
import { testBackend } from '../helpers/test-backend.js';
import { runChildUntil } from '../helpers/signal-child.js';
import { segmentPath } from '../../src/engine/wal/segment-files.js';
import { batchPoint, CRASH_CONFIG, NOW, SERIES } from './crash-batches.js';

const CHILD = new URL('./crash-child.ts', import.meta.url);

/** Starts the child, sends `signal` once it has acknowledged `after` batches and `ready()` holds. */
const runChild = async (dir: string, after: number, signal: NodeJS.Signals, mode: 'flush-on-stop' | 'log-on-stop' = 'log-on-stop', ready?: () => boolean) => {
  await testBackend(dir); // the child joins the suites' backend for this directory (test-backend.ts)
  return runChildUntil(CHILD, [dir, mode], after, signal, ready);
};

/** The log's first segment is gone: a flush has covered it and the log was cut. */
const logCut = (dir: string) => () => !existsSync(segmentPath(join(dir, 'wal'), 1));

/**
 * Reopens the directory, checks every acknowledged point; returns how many points the log
 * replayed, and how many a stop's hot snapshot restored (every series is read, so every one the
 * snapshot holds has been restored by then).
 */
async function readBack(dir: string, last: number): Promise<{ replayed: number; restored: number; singleWriter: boolean }> {
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
    return { replayed, restored: st.stats.counter('engine.points_restored').value, singleWriter: st.svc.backends.store.singleWriter };
  } finally {
    await st.svc.stop();
  }
}

describe('storage engine: crash recovery (child process)', () => {
  it('every batch acknowledged before a SIGKILL is readable after restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carbyne-crash-'));
    try {
      // the kill waits for a cut of the log, which a slow machine may not reach by batch 400
      const run = await runChild(dir, 400, 'SIGKILL', 'log-on-stop', logCut(dir));
      assert.equal(run.signal, 'SIGKILL');
      assert.ok(run.last >= 400, `acknowledged ${run.last}`);
      const first = await readBack(dir, run.last);
      const { replayed, restored } = first;
      // some points were only in the log, and some had been flushed and cut from it already
      assert.ok(replayed > 0, 'the log was replayed');
      assert.ok(replayed < (run.last + 1) * SERIES, `replayed ${replayed} of ${(run.last + 1) * SERIES}`);
      assert.equal(restored, 0, 'a crash leaves no snapshot');
      // and again after that restart flushed and cut the log
      assert.deepEqual(await readBack(dir, run.last), { replayed: 0, restored: 0, singleWriter: first.singleWriter });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('SIGTERM syncs the log and exits 0 without flushing: every acknowledged batch is restored from its hot snapshot at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carbyne-term-'));
    try {
      const run = await runChild(dir, 300, 'SIGTERM');
      assert.equal(run.code, 0);
      const { replayed, restored, singleWriter } = await readBack(dir, run.last);
      if (singleWriter) {
        assert.ok(restored > 0, 'the snapshot held what was hot');
        assert.equal(replayed, 0, 'the log was not replayed');
      } else {
        // another writer may have changed the store meanwhile: the snapshot is not trusted
        assert.equal(restored, 0, 'a store with several writers is not restored from a snapshot');
        assert.ok(replayed > 0, 'the log held what was hot');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a start from the hot snapshot that writes on, flushes, cuts the log and is killed loses nothing: the log still holds what the snapshot held', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carbyne-term-kill-'));
    try {
      const first = await runChild(dir, 150, 'SIGTERM');
      assert.equal(first.code, 0);
      // the second run restores the snapshot, then its flush timer flushes and cuts the log amid the writes
      const second = await runChildUntil(CHILD, [dir, 'log-on-stop', String(first.last + 1)], first.last + 300, 'SIGKILL');
      assert.equal(second.signal, 'SIGKILL');
      assert.equal(second.reports[0], first.last + 1);
      const { replayed, restored } = await readBack(dir, second.last);
      assert.ok(replayed > 0, 'the log was replayed');
      assert.equal(restored, 0, 'a crash leaves no snapshot');
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
      const after = await readBack(dir, run.last);
      assert.deepEqual({ replayed: after.replayed, restored: after.restored }, { replayed: 0, restored: 0 }, 'nothing to replay or restore');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
