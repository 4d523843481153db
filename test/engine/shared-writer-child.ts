// Run by shared-store.test.ts: one of several carbyne engines writing to one shared LMDB store.
// argv: dataDir lmdbPath writer parity now. Writes SERIES series over ROUNDS rounds: the
// timestamps of its parity, and every tenth timestamp (which the other writer writes too, with
// the same value); flushes every chunk, open windows included, after each round; prints
// "done" once stopped.
import { validateConfig } from '../../src/config/load.js';
import { ManualClock } from '../../src/lib/clock.js';
import { Stats } from '../../src/lib/stats.js';
import { writeWholeSync } from '../helpers/write-whole.js';
import { startStorage } from './helpers.js';
import { sharedPoint, sharedStoreConfig, ROUNDS, SERIES, POINTS_PER_ROUND } from './shared-points.js';
import { testBackendConfig } from '../helpers/test-backend.js';

const [dataDir, lmdbPath, writer, parityText, nowText] = process.argv.slice(2);
const parity = Number(parityText);
const now = Number(nowText);
const svc = await startStorage(validateConfig(sharedStoreConfig(await testBackendConfig(lmdbPath), dataDir, lmdbPath, writer)), new ManualClock(now * 1000), new Stats());
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < SERIES; i++) {
    for (let j = 0; j < POINTS_PER_ROUND; j++) {
      const k = round * POINTS_PER_ROUND + j;
      if (k % 2 === parity || k % 10 === 0) {
        const p = sharedPoint(now, i, k);
        svc.engine.write(p.name, p.value, p.timestamp);
      }
    }
  }
  svc.engine.commit();
  await svc.engine.flush({ all: true });
  // let the other writer interleave its flushes with ours
  await new Promise((resolve) => setTimeout(resolve, 5));
}
await svc.stop();
writeWholeSync(1, 'done\n');
