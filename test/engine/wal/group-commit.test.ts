import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WriteAheadLog } from '../../../src/engine/wal/write-ahead-log.js';
import { numberedRecord } from './records.js';
import { startTestApp } from '../../helpers/app.js';

/** Counts fdatasync calls (the real one still runs) while `fn` runs. */
async function countingSyncs<T>(fn: () => Promise<T>): Promise<{ result: T; syncs: number }> {
  let syncs = 0;
  const real = fs.fdatasync;
  const spy = mock.method(fs, 'fdatasync', (fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => {
    syncs++;
    real(fd, cb);
  });
  syncBuiltinESMExports();
  try {
    return { result: await fn(), syncs };
  } finally {
    spy.mock.restore();
    syncBuiltinESMExports();
  }
}

test('sync() resolves once what was appended is synced; callers of one moment share one fdatasync (group commit)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-wal-group-'));
  // no timer syncs: only sync() calls do
  const wal = WriteAheadLog.open(dir, { segmentBytes: 1 << 20, fsyncIntervalMs: 60_000 });
  try {
    wal.replay(() => {});
    const { syncs } = await countingSyncs(async () => {
      const waits: Array<Promise<void>> = [];
      for (let i = 0; i < 100; i++) {
        wal.append(numberedRecord(i));
        waits.push(wal.sync());
      }
      await Promise.all(waits);
    });
    assert.equal(syncs, 1, '100 commits of one moment, one fdatasync');
    // nothing appended since: nothing to sync, yet sync() answers
    const idle = await countingSyncs(() => wal.sync());
    assert.equal(idle.syncs, 0);
    // appends arriving while a sync runs wait for the next one, which covers them
    const later = await countingSyncs(async () => {
      wal.append(numberedRecord(200));
      const first = wal.sync();
      await new Promise((resolve) => setImmediate(resolve));
      wal.append(numberedRecord(201));
      await Promise.all([first, wal.sync()]);
    });
    assert.equal(later.syncs, 2);
  } finally {
    wal.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with wal.syncBeforeAck, POST /ingest answers after the points are synced, concurrent bodies sharing syncs', async () => {
  const t = await startTestApp({ wal: { syncBeforeAck: true, fsyncIntervalMs: 60_000 } });
  try {
    const now = Math.floor(Date.now() / 1000);
    // injected, not over sockets: 20 requests of one moment, whatever the machine's speed (over
    // loopback a slow machine may take them in one by one, each after the last one's sync)
    const { result, syncs } = await countingSyncs(() =>
      Promise.all(
        Array.from({ length: 20 }, (_, k) =>
          t.app.http.inject({ method: 'POST', url: '/ingest', payload: `durable.s${k} ${k} ${now}\n` }).then((res) => ({ status: res.statusCode, body: res.json() as { accepted: number } })),
        ),
      ),
    );
    assert.ok(result.every((r) => r.status === 200 && r.body.accepted === 1));
    assert.ok(syncs >= 1, 'the answers waited for a sync');
    assert.ok(syncs < 20, `20 concurrent requests shared syncs (${syncs})`);
    // a body with nothing accepted does not wait for a sync
    const none = await countingSyncs(() => fetch(`${t.url}/ingest`, { method: 'POST', body: 'not a line\n' }).then((r) => r.json()));
    assert.equal(none.syncs, 0);
  } finally {
    await t.destroy();
  }
});
