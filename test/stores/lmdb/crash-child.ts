// Run by crash.test.ts: writes batches of chunks to the store in argv[2] and prints each batch's
// number once its write has resolved, until it is killed.
import { LmdbChunkStore } from '../../../src/stores/lmdb/chunk-store.js';
import { openLmdbEnvironment } from '../../../src/stores/lmdb/environment.js';
import { writeWholeSync } from '../../helpers/write-whole.js';
import { crashBatch } from './crash-batch.js';

const env = openLmdbEnvironment(process.argv[2]);
const store = LmdbChunkStore.open(env);
const limit = Number(process.argv[3]);
for (let b = 0; b < limit; b++) {
  await store.write(crashBatch(b));
  writeWholeSync(1, `${b}\n`);
}
await store.close();
await env.close();
