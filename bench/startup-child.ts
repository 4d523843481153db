// Run by startup.bench.ts with --expose-gc, on a data directory with a big series registry.
// argv: dataDir, mode. "lazy": the engine's start-up as it is (nothing read until asked);
// "load-all": what the earlier engine did, every registry record made a resident series.
// Prints one JSON line: start-up ms, and heap + external bytes and resident memory it added.
import { openBackends } from '../src/app/backends.js';
import { validateConfig } from '../src/config/load.js';
import { createStorageService } from '../src/app/storage-service.js';
import { SeriesTable } from '../src/engine/table/series-table.js';
import { ManualClock } from '../src/lib/clock.js';
import { silentLogger } from '../src/lib/logger.js';
import { Stats } from '../src/lib/stats.js';
import { BENCH_NOW } from './engine-fixture.js';

const [dataDir, mode] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const settle = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.external, rss: m.rss };
};
const config = validateConfig({ dataDir, selfMetrics: { enabled: false } });
const before = settle();
const t0 = performance.now();
const backends = await openBackends(config, { logger: silentLogger, stats: new Stats() });
const svc = createStorageService(config, { clock: new ManualClock(BENCH_NOW * 1000), logger: silentLogger, stats: new Stats(), store: backends.store, registry: backends.registry });
await svc.start();
let kept: SeriesTable | null = null;
if (mode === 'load-all') {
  const table = new SeriesTable({ registry: backends.registry, rules: { schemaFor: () => ({ retentions: [{ step: 10, retention: 86400 }], aggregation: 'average', xFilesFactor: 0 }) }, sharedStore: false, idleCacheSize: Infinity, logger: silentLogger, onResolved: () => {} });
  for await (const rec of backends.registry.all()) table.restore(rec.metric, rec.schema, rec);
  kept = table;
}
const ms = performance.now() - t0;
const after = settle();
process.stdout.write(`${JSON.stringify({ ms, series: kept?.size ?? svc.engine.seriesCount, heap: after.heap - before.heap, rss: after.rss - before.rss })}\n`);
await svc.stop();
await backends.close();
