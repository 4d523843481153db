// Run by tags.bench.ts with --expose-gc, on a data directory whose index holds the tagged
// series. argv: dataDir, mode. Prints one JSON line.
// "open": the embedded index opened as after a restart (tree and tag snapshots, journal);
//   the tag index's share of the time (its own log line) and the process' CPU seconds.
// "memory": only the tag index restored from its snapshot: the heap and array buffers it holds.
// "names": the tag index rebuilt from the stored display names instead (what a start without a
//   usable snapshot does): its time.
import { LmdbMetricIndex, INDEX_DB_NAMES } from '../src/finders/lmdb/lmdb-metric-index.js';
import { readTagSnapshot } from '../src/finders/lmdb/tag-snapshot.js';
import { readSnapshot } from '../src/finders/lmdb/tree-snapshot.js';
import { MemoryTagIndex } from '../src/finders/tags/memory-tag-index.js';
import { TagPostings } from '../src/finders/tags/tag-postings.js';
import { silentLogger, type Logger } from '../src/lib/logger.js';
import { parseMetricName } from '../src/series/name.js';
import { openLmdbEnvironment } from '../src/stores/lmdb/environment.js';

const [dataDir, mode] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const settle = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const env = openLmdbEnvironment(dataDir);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const cpuSeconds = () => {
  const c = process.cpuUsage(cpu0);
  return (c.user + c.system) / 1e6;
};
if (mode === 'open') {
  let tagMs = -1;
  const logger: Logger = {
    ...silentLogger,
    info(obj: unknown, msg?: string) {
      if (msg === 'tag index loaded') tagMs = (obj as { ms: number }).ms;
    },
  };
  const index = LmdbMetricIndex.open(env, { logger });
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, tagMs, cpu: cpuSeconds(), series: index.taggedSize })}\n`);
  await index.close();
} else if (mode === 'memory') {
  const before = settle();
  // only the tree's counts are needed (they name the tag snapshot written with it)
  const counts = readSnapshot(env.openDB<Buffer, string>(INDEX_DB_NAMES.snapshot, { encoding: 'binary' }))?.counts;
  let state = counts && readTagSnapshot(env.openDB<Buffer, string>(INDEX_DB_NAMES.tagSnapshot, { encoding: 'binary' }), counts);
  if (!state) throw new Error('no tag snapshot');
  const postings = TagPostings.fromState(state);
  // the snapshot's arrays go; only the tag index stays
  state = null;
  const bytes = settle() - before;
  process.stdout.write(`${JSON.stringify({ bytes, series: postings.size, estimate: postings.memoryBytes() })}\n`);
} else {
  const tags = new MemoryTagIndex();
  const paths = env.openDB<Buffer, string>(INDEX_DB_NAMES.paths, { encoding: 'binary' });
  for (const { value } of paths.getRange({ start: '_tagged.', end: '_tagged/' })) {
    const parsed = parseMetricName(value.toString('utf8'));
    if (parsed.ok) tags.postings.add(parsed.metric, true);
  }
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, cpu: cpuSeconds(), series: tags.size })}\n`);
}
await env.close();
