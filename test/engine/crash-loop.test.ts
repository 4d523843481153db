import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runChildUntil } from '../helpers/signal-child.js';
import { prng } from '../../bench/prng.js';
import { batchPoint, CRASH_CONFIG, NOW, SERIES } from './crash-batches.js';
import { openStorage } from './helpers.js';
import { testBackend } from '../helpers/test-backend.js';

const CHILD = new URL('./crash-child.ts', import.meta.url);
const ROUNDS = 20;

describe('storage engine: kill -9 again and again', () => {
  it(`${ROUNDS} SIGKILLs in a row at random moments of ingest and flushing lose no acknowledged point`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carbyne-crashloop-'));
    const random = prng(20261207);
    try {
      let acknowledged = -1;
      await testBackend(dir); // the children join the suites' backend for this directory (test-backend.ts)
      for (let round = 0; round < ROUNDS; round++) {
        // each run goes on from the last acknowledged batch, with flushes every 20 ms and small
        // log segments, and is killed after a random number of further batches
        const after = acknowledged + 1 + 5 + Math.floor(random() * 60);
        const run = await runChildUntil(CHILD, [dir, 'log-on-stop', String(acknowledged + 1)], after, 'SIGKILL');
        assert.equal(run.signal, 'SIGKILL', `round ${round}`);
        assert.ok(run.last >= after, `round ${round}: acknowledged ${run.last}`);
        acknowledged = run.last;
        // a restart that only reads (its stop does not flush): the next kill finds the log as the crash left it
        const st = await openStorage({ ...CRASH_CONFIG, flush: { ...CRASH_CONFIG.flush, onStop: false } }, NOW, dir);
        try {
          for (let i = 0; i < SERIES; i++) {
            const r = await st.reader.fetch(`crash.s${i}`, NOW - 20010, NOW, NOW);
            assert.ok(r, `round ${round}: series ${i}`);
            for (let k = 0; k <= acknowledged; k++) {
              const p = batchPoint(k, i);
              assert.equal(r.values[(p.timestamp - r.start) / r.step], p.value, `round ${round}: series ${i} batch ${k}`);
            }
          }
        } finally {
          await st.svc.stop();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
