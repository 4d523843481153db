import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHUNK_DB_NAMES, LmdbChunkStore } from '../../../src/stores/lmdb/chunk-store.js';
import { openLmdbEnvironment } from '../../../src/stores/lmdb/environment.js';
import { runChildUntil } from '../../helpers/signal-child.js';
import { CRASH_BATCH_SIZE, CRASH_WINDOW, crashPayload } from './crash-batch.js';

test('a SIGKILL mid-stream loses no acknowledged write and leaves every transaction whole', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-lmdb-crash-'));
  try {
    const run = await runChildUntil(new URL('./crash-child.ts', import.meta.url), [dir, '1000000'], 150, 'SIGKILL');
    assert.equal(run.signal, 'SIGKILL');
    const reported = run.last;
    assert.ok(reported >= 150, `acknowledged ${reported}`);

    const env = openLmdbEnvironment(dir);
    const store = LmdbChunkStore.open(env);
    try {
      // batches are whole or absent, and every acknowledged one is there
      let present = 0;
      for (let b = 0; ; b++) {
        const got = await Promise.all(Array.from({ length: CRASH_BATCH_SIZE }, (_, i) => store.read(`series${i}`, 10, b * CRASH_WINDOW, b * CRASH_WINDOW)));
        const found = got.filter((chunks) => chunks.length === 1).length;
        if (found === 0) break;
        assert.equal(found, CRASH_BATCH_SIZE, `batch ${b} is partly there`);
        got.forEach(([chunk], i) => assert.ok(Buffer.from(crashPayload(b, i)).equals(chunk.data), `batch ${b} series ${i} bytes`));
        present++;
      }
      assert.ok(present >= reported + 1, `${present} batches stored, ${reported + 1} acknowledged`);
      const chunks = env.openDB(CHUNK_DB_NAMES.chunks, { encoding: 'binary' }).getKeysCount();
      const expiry = env.openDB(CHUNK_DB_NAMES.expiry, { encoding: 'binary' }).getKeysCount();
      assert.equal(chunks, present * CRASH_BATCH_SIZE, 'no chunk beyond the whole batches');
      assert.equal(expiry, chunks, 'chunks and their expiry entries were committed together');
      // and the store still takes writes
      assert.equal(await store.expire(Infinity), chunks);
    } finally {
      await store.close();
      await env.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
