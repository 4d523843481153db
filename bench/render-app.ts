import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { CarbyneApp } from '../src/app.js';
import { validateConfig } from '../src/config/load.js';
import type { ConfigInput } from '../src/config/schema.js';
import type { FlushOutcome } from '../src/engine/flush/flusher.js';
import type { PointWriter } from '../src/engine/point-writer.js';
import { ManualClock } from '../src/lib/clock.js';

/** Which part of the storage a read is served from. */
export type StorageState = 'hot' | 'mixed' | 'persisted';

export interface RenderApp {
  /** base URL of its HTTP server */
  readonly url: string;
  /** the app's Fastify instance (for inject) */
  readonly http: FastifyInstance;
  /** the storage engine's write path (commit once per batch) */
  readonly writer: PointWriter;
  /**
   * Resolves once the metric index finds `count` leaves for `pattern` (the engine registers new
   * series asynchronously); fails if it finds more.
   */
  waitForIndex(pattern: string, count: number): Promise<void>;
  /**
   * What the running server's flush timer does: windows closed past their grace go to the store,
   * the current window stays hot. Reads become mixed.
   */
  persistClosedWindows(): Promise<FlushOutcome>;
  /** Everything to the store, as on shutdown: the hot cache is empty afterwards. */
  persistAll(): Promise<FlushOutcome>;
  /**
   * A full garbage collection, then a wait until this process is quiet, so that figures taken
   * after a state change do not pay for the change: a flush leaves hundreds of MB of hot chunks
   * behind as garbage, and V8 sweeps and LMDB writes on other threads for seconds after.
   */
  settle(): Promise<void>;
  /** bytes of hot chunks (the engine's own estimate) */
  hotBytes(): number;
  /** flush rounds run so far: none may run before the benchmark asks, or "hot" would not be */
  flushRounds(): number;
  destroy(): Promise<void>;
}

/** V8's full collection, exposed at run time (the benchmarks run without --expose-gc). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Until two 250 ms periods in a row used under 10 % of a CPU in this process (every thread), or 15 s. */
async function quiet(): Promise<void> {
  const deadline = performance.now() + 15_000;
  for (let still = 0; still < 2 && performance.now() < deadline; ) {
    const c0 = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 250));
    const c = process.cpuUsage(c0);
    still = c.user + c.system < 25_000 ? still + 1 : 0;
  }
}

/**
 * The real carbyne app (CarbyneApp: LMDB store and index, write-ahead log, storage engine,
 * Fastify routes) on a fresh data directory, its clock pinned at `now`, listening on a
 * loopback port. Its flush timer is set beyond any benchmark's length, so the storage state
 * changes only when the benchmark says (hot, then mixed, then persisted); budgets are set
 * high enough that the engine never flushes early on its own.
 */
export interface RenderAppOptions {
  /** stored raw chunks kept decoded (0, the default: every persisted read decodes) */
  readonly decodedChunkCacheBytes?: number;
  /** the HTTP keys of the configuration (compression, cors) */
  readonly http?: ConfigInput['http'];
  /** Fastify's logger (none by default) */
  readonly logger?: FastifyServerOptions['logger'];
  /** called with the Fastify instance before it listens (a benchmark's own plugin) */
  readonly beforeListen?: (http: FastifyInstance) => Promise<void>;
  /** further configuration keys (another store: `store`, `cassandra`) */
  readonly config?: ConfigInput;
}

export async function startRenderApp(now: number, retentions: string, options: RenderAppOptions = {}): Promise<RenderApp> {
  const { decodedChunkCacheBytes = 0 } = options;
  const dataDir = mkdtempSync(join(tmpdir(), 'carbyne-bench-render-'));
  const config = validateConfig({
    ...options.config,
    dataDir,
    logLevel: 'warn',
    http: { ...options.http, listen: '127.0.0.1:0' },
    carbon: { enabled: false },
    pickle: { enabled: false },
    selfMetrics: { enabled: false },
    // every series a benchmark writes takes `retentions`, whatever its name ('dash.*' too): a name
    // left to the default schema gets coarser levels its oracle's whisper files do not have
    retentions: [{ pattern: '.*', retentions }],
    flush: { intervalMs: 2 ** 31 - 1, expireIntervalMs: 2 ** 31 - 1 },
    // no decoded chunk cache unless asked: every persisted read decodes (bench/read.bench.ts has the cached figure)
    memory: { maxHotBytes: 8 * 1024 ** 3, decodedChunkCacheBytes },
    // 8 segments of the log may pin hot chunks before the engine flushes early: 8 GiB here
    wal: { segmentBytes: 1024 ** 3 },
    limits: { render: { maxSeries: 100_000, maxPoints: 100_000_000, timeoutMs: 600_000 } },
  });
  const app = await CarbyneApp.create({ config, clock: new ManualClock(now * 1000), logger: options.logger ?? false });
  try {
    await options.beforeListen?.(app.http);
    const { http } = await app.listen();
    const engine = app.storage.engine;
    const flushes = app.stats.counter('engine.flushes');
    return {
      url: http,
      http: app.http,
      writer: app.pointWriter,
      async waitForIndex(pattern, count) {
        for (let tries = 0; ; tries++) {
          let found = 0;
          for await (const node of app.index.find(pattern, { leavesOnly: true })) if (node.isLeaf) found++;
          if (found > count) throw new Error(`the index holds ${found} series for ${pattern}, not ${count}`);
          if (found === count) return;
          if (tries === 1000) throw new Error(`the index holds ${found} of ${count} series for ${pattern}`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      },
      persistClosedWindows: () => engine.flush(),
      persistAll: () => engine.flush({ all: true }),
      async settle() {
        collectGarbage();
        await quiet();
      },
      hotBytes: () => engine.hotBytes(),
      flushRounds: () => flushes.value,
      async destroy() {
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
