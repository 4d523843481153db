import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { openStorage } from './helpers.js';
import { backendKind, testBackendEnv } from '../helpers/test-backend.js';
import type { ConfigInput } from '../../src/config/schema.js';

// The real server (carbyne serve) in a child process, fed over HTTP POST /ingest: a batch counts
// as accepted once its POST answered 200. The child is killed (SIGKILL) or stopped (SIGTERM)
// mid-stream; the data directory is then opened again and every accepted point must be there.

const SERIES = 25;
const ENV = {
  ...process.env,
  CARBYNE_SELF_METRICS_ENABLED: 'false',
  CARBYNE_FLUSH_INTERVAL_MS: '50',
  CARBYNE_WAL_SEGMENT_BYTES: String(64 * 1024),
  CARBYNE_LOG_LEVEL: 'info',
};

async function startServer(dir: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string }> {
  // the suites' backend (test-backend.ts), kept for the data directory across the server's restarts
  const backend = await testBackendEnv(dir);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--data-dir', dir, '--http-listen', '127.0.0.1:0', '--carbon-listen', '127.0.0.1:0', '--pickle-listen', '127.0.0.1:0'], {
    env: { ...ENV, ...backend, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const rec = JSON.parse(line) as { msg?: string; http?: string };
        if (rec.msg === 'carbyne is up' && rec.http) resolve({ child, url: rec.http });
      } catch {
        /* not a log line */
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
}

/** Batch k: one point per series at `base + k * step`. */
function batch(k: number, base: number, step: number): string {
  let out = '';
  for (let i = 0; i < SERIES; i++) out += `appcrash.s${i} ${k * 1000 + i + 0.5} ${base + k * step}\n`;
  return out;
}

/** Posts batches one after another until `stopAfter` succeeded, then sends `signal`; returns the accepted batches. */
async function feed(url: string, child: ChildProcess, base: number, stopAfter: number, signal: NodeJS.Signals, step = 10): Promise<number[]> {
  const accepted: number[] = [];
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  for (let k = 0; ; k++) {
    if (k === stopAfter) child.kill(signal);
    try {
      const res = await fetch(`${url}/ingest`, { method: 'POST', body: batch(k, base, step), headers: { 'content-type': 'text/plain' } });
      await res.arrayBuffer();
      if (res.status === 200) accepted.push(k);
    } catch {
      break; // the server is gone
    }
  }
  await exited;
  return accepted;
}

async function assertAccepted(dir: string, base: number, now: number, accepted: number[], step = 10, config: ConfigInput = {}) {
  // batches sent after the signal may be accepted too, and they can lie past the test's `now`
  // (one a second from a minute ago): read up to the last accepted one
  const until = Math.max(now, base + Math.max(...accepted) * step + step);
  const st = await openStorage(config, until, dir);
  try {
    for (let i = 0; i < SERIES; i++) {
      const r = await st.reader.fetch(`appcrash.s${i}`, base - step, until, until);
      assert.ok(r, `series ${i}`);
      for (const k of accepted) assert.equal(r.values[(base + k * step - r.start) / r.step], k * 1000 + i + 0.5, `series ${i} batch ${k}`);
    }
  } finally {
    await st.svc.stop();
  }
}

describe('carbyne serve: no accepted point is lost', () => {
  it('SIGKILL amid HTTP ingest: every batch answered 200 is readable after restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carbyne-appcrash-'));
    try {
      const now = Math.floor(Date.now() / 1000);
      const base = now - 20000 - (now % 10);
      const { child, url } = await startServer(dir);
      const accepted = await feed(url, child, base, 150, 'SIGKILL');
      assert.ok(accepted.length >= 150, `accepted ${accepted.length}`);
      await assertAccepted(dir, base, now, accepted);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('SIGTERM: the server syncs its log and exits 0 without flushing; the next start replays every accepted batch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carbyne-appterm-'));
    try {
      // one point a second for the last minute, all in the open 2 h window (1 s resolution):
      // nothing of it is flushed before the stop, so only the log holds it
      const secondsIntoWindow = Math.floor(Date.now() / 1000) % 7200;
      if (secondsIntoWindow < 70) await new Promise((resolve) => setTimeout(resolve, (71 - secondsIntoWindow) * 1000));
      const now = Math.floor(Date.now() / 1000);
      const base = now - 60;
      const { child, url } = await startServer(dir, { CARBYNE_RETENTIONS: JSON.stringify([{ pattern: '.*', retentions: '1s:1d' }]) });
      const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      const accepted = await feed(url, child, base, 60, 'SIGTERM', 1);
      assert.equal(await code, 0);
      const walDir = join(dir, 'wal');
      assert.ok(readdirSync(walDir).some((f) => f.endsWith('.wal') && statSync(join(walDir, f)).size > 0), 'the log is left to replay');
      await assertAccepted(dir, base, now, accepted, 1, { retentions: [{ pattern: '.*', retentions: '1s:1d' }] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('SIGTERM with flush.onStop: the server flushes, exits 0 and leaves an empty log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carbyne-appterm-'));
    try {
      const now = Math.floor(Date.now() / 1000);
      const base = now - 20000 - (now % 10);
      const { child, url } = await startServer(dir, { CARBYNE_FLUSH_ON_STOP: 'true' });
      const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      const accepted = await feed(url, child, base, 100, 'SIGTERM');
      assert.equal(await code, 0);
      const walDir = join(dir, 'wal');
      assert.deepEqual(readdirSync(walDir).filter((f) => f.endsWith('.wal') && statSync(join(walDir, f)).size > 0), []);
      await assertAccepted(dir, base, now, accepted);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('carbyne serve: the metric index follows the engine', () => {
  it('series written over HTTP are found by /render globs, also after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carbyne-appindex-'));
    try {
      const now = Math.floor(Date.now() / 1000);
      let server = await startServer(dir);
      const res = await fetch(`${server.url}/ingest`, { method: 'POST', body: `idx.a.x 1 ${now - 30}\nidx.b.x 2 ${now - 30}\n`, headers: { 'content-type': 'text/plain' } });
      assert.equal(res.status, 200);
      const query = () => fetch(`${server.url}/render?target=idx.*.x&format=json&from=-5min`).then((r) => r.json() as Promise<Array<{ target: string }>>);
      // the embedded index has a series once its point is accepted; a remote one once the
      // registration reaches it (Elasticsearch: its next refresh, about a second)
      if (backendKind() !== 'lmdb') await until(async () => (await query()).length === 2);
      assert.deepEqual((await query()).map((s) => s.target), ['idx.a.x', 'idx.b.x']);
      const exited = new Promise((resolve) => server.child.on('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
      server = await startServer(dir);
      try {
        assert.deepEqual((await query()).map((s) => s.target), ['idx.a.x', 'idx.b.x']);
      } finally {
        const gone = new Promise((resolve) => server.child.on('exit', resolve));
        server.child.kill('SIGTERM');
        await gone;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Waits for `check` to hold, asking every 50 ms, for at most a minute. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await check()); waited += 50) {
    if (waited > 60_000) throw new Error('condition not reached within a minute');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
