import { type Benchmark, cpuSeconds, figure } from './harness.js';
import { BENCH_NOW, benchStorage } from './engine-fixture.js';

/**
 * SeriesReader.fetch of a day at 10 s (8640 points) per series, as graphite-web's bench reads
 * `bench.*.cpu.user` (20 series), from hot chunks and from the store (decoding each stored chunk,
 * and again with the decoded chunk cache warm); CPU of this process.
 */
export const benchmark: Benchmark = {
  name: 'read',
  async run({ quick, log }) {
    const series = 20;
    const rounds = quick ? 5 : 30;
    /** reads hot, then (everything flushed) stored; `cacheBytes` of stored chunks kept decoded */
    const measure = async (cacheBytes: number) => {
      const st = await benchStorage({ retentions: [{ pattern: '.*', retentions: '10s:1d' }], memory: { decodedChunkCacheBytes: cacheBytes } });
      try {
        for (let t = BENCH_NOW - 86400 + 10; t <= BENCH_NOW; t += 10) {
          for (let i = 0; i < series; i++) st.svc.engine.write(`bench.host${i}.cpu.user`, Math.round((50 + 40 * Math.sin(t / 3600 + i)) * 1000) / 1000, t);
          st.svc.engine.commit();
        }
        const readAll = async () => {
          let points = 0;
          for (let r = 0; r < rounds; r++) {
            for (let i = 0; i < series; i++) points += (await st.svc.reader.fetch(`bench.host${i}.cpu.user`, BENCH_NOW - 86400, BENCH_NOW, BENCH_NOW))!.values.length;
          }
          return points;
        };
        const hot = await cpuSeconds(readAll);
        await st.svc.engine.flush({ all: true });
        // the first round fills the cache, when there is one
        await readAll();
        const stored = await cpuSeconds(readAll);
        return { hot, stored };
      } finally {
        await st.destroy();
      }
    };
    const cold = await measure(0);
    const cached = await measure(64 * 1024 ** 2);
    log(`hot: ${(cold.hot.cpu / rounds) * 1000} ms per 20 series; stored: ${(cold.stored.cpu / rounds) * 1000} ms; stored, decoded: ${(cached.stored.cpu / rounds) * 1000} ms`);
    return [
      figure('fetch 20 series x 1 day at 10 s, stored, decoding every chunk (ms, no JSON)', (cold.stored.cpu / rounds) * 1000, 'ms'),
      figure('fetch 20 series x 1 day at 10 s, stored, chunks held decoded (ms, no JSON)', (cached.stored.cpu / rounds) * 1000, 'ms'),
      figure('fetch, stored, decoding every chunk', cold.stored.result / cold.stored.cpu, 'points/s'),
      figure('fetch, stored, chunks held decoded', cached.stored.result / cached.stored.cpu, 'points/s'),
      figure('fetch, hot', cold.hot.result / cold.hot.cpu, 'points/s'),
    ];
  },
};
