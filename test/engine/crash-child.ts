// Run by crash.test.ts: a storage service on the data directory argv[2] (argv[3]
// "flush-on-stop" sets flush.onStop) with the clock pinned at NOW, writing one batch of SERIES points per commit and printing the batch number once commit()
// has returned, until it is killed (or, on SIGTERM, stops cleanly and exits 0).
import { validateConfig } from '../../src/config/load.js';
import { ManualClock } from '../../src/lib/clock.js';
import { Stats } from '../../src/lib/stats.js';
import { startStorage } from './helpers.js';
import { testBackendConfig } from '../helpers/test-backend.js';
import { writeWholeSync } from '../helpers/write-whole.js';
import { batchPoint, CRASH_CONFIG, NOW, SERIES, MAX_BATCHES } from './crash-batches.js';

const flushOnStop = process.argv[3] === 'flush-on-stop';
// the backend the test started for this data directory (test-backend.ts)
const backend = await testBackendConfig(process.argv[2]);
const svc = await startStorage(validateConfig({ ...backend, ...CRASH_CONFIG, flush: { ...CRASH_CONFIG.flush, onStop: flushOnStop }, dataDir: process.argv[2] }), new ManualClock(NOW * 1000), new Stats());
let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
  svc.stop().then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`stop failed: ${err.stack}\n`);
      process.exit(1);
    },
  );
});
// argv[4]: the first batch to write (a run continuing where a killed one stopped)
const first = Number(process.argv[4] ?? 0);
for (let k = first; k < MAX_BATCHES && !stopping; k++) {
  for (let i = 0; i < SERIES; i++) {
    const p = batchPoint(k, i);
    svc.engine.write(p.name, p.value, p.timestamp);
  }
  svc.engine.commit();
  writeWholeSync(1, `${k}\n`);
  // pace the stream so the flush timer runs many times amid it
  if (k % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 5));
}
if (!stopping) writeWholeSync(1, 'done\n');
await new Promise(() => {}); // wait for the signal
