import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { validateConfig } from '../../src/config/load.js';
import { ManualClock } from '../../src/lib/clock.js';
import { Stats } from '../../src/lib/stats.js';
import { startStorage } from './helpers.js';
import { POINTS, SERIES, sharedPoint, sharedStoreConfig } from './shared-points.js';
import { releaseTestBackend, testBackendConfig } from '../helpers/test-backend.js';

const CHILD = fileURLToPath(new URL('./shared-writer-child.ts', import.meta.url));

/** Runs one writer process to its end; resolves with what it printed. */
function writer(dataDir: string, lmdbPath: string, name: string, parity: number, now: number): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, lmdbPath, name, String(parity), String(now)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`writer ${name} exited ${code}`))));
  });
}

describe('storage engine: several writers on one store', () => {
  it('two engines in two processes flushing the same windows lose none of each other\'s points, and a third reads both', async () => {
    const root = mkdtempSync(join(tmpdir(), 'carbyne-shared-'));
    const lmdbPath = join(root, 'store');
    const now = Math.floor(Date.now() / 1000);
    try {
      // the shared store: an LMDB environment, or the suites' Cassandra (test-backend.ts)
      const backend = await testBackendConfig(lmdbPath);
      const [a, b] = await Promise.all([writer(join(root, 'a'), lmdbPath, 'node-a', 0, now), writer(join(root, 'b'), lmdbPath, 'node-b', 1, now)]);
      assert.equal(a.trim(), 'done');
      assert.equal(b.trim(), 'done');

      const reader = await startStorage(validateConfig(sharedStoreConfig(backend, join(root, 'reader'), lmdbPath, 'reader')), new ManualClock(now * 1000), new Stats());
      try {
        const writers = new Set<string>();
        for (let i = 0; i < SERIES; i++) {
          const first = sharedPoint(now, i, 0);
          const r = await reader.reader.fetch(first.name, first.timestamp - 10, now, now);
          assert.ok(r, `${first.name} is readable`);
          for (let k = 0; k < POINTS; k++) {
            const p = sharedPoint(now, i, k);
            assert.equal(r.values[(p.timestamp - r.start) / r.step], p.value, `${p.name} point ${k}`);
          }
          const s = await reader.engine.lookup(first.name);
          for (const c of await reader.backends.store.read(s!.id, 10, first.timestamp, now)) writers.add(c.writer ?? '');
        }
        // each writer kept its own chunks: neither overwrote the other's
        assert.deepEqual([...writers].sort(), ['node-a', 'node-b']);
      } finally {
        await reader.stop();
      }
    } finally {
      await releaseTestBackend(lmdbPath);
      rmSync(root, { recursive: true, force: true });
    }
  });
});
