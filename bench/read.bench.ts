import { type Benchmark, cpuSeconds, figure } from './harness.js';
import { BENCH_NOW, benchStorage } from './engine-fixture.js';

/**
 * SeriesReader.fetch of a day at 10 s (8640 points) per series, as graphite-web's bench reads
 * `bench.*.cpu.user` (20 series), from hot chunks and from the store; CPU of this process.
 */
export const benchmark: Benchmark = {
  name: 'read',
  async run({ quick, log }) {
    const series = 20;
    const rounds = quick ? 5 : 30;
    const st = await benchStorage({ retentions: [{ pattern: '.*', retentions: '10s:1d' }] });
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
      const stored = await cpuSeconds(readAll);
      log(`hot: ${(hot.cpu / rounds) * 1000} ms per 20 series; stored: ${(stored.cpu / rounds) * 1000} ms per 20 series`);
      return [
        figure('fetch 20 series x 1 day at 10 s, stored (ms, no JSON)', (stored.cpu / rounds) * 1000, 'ms'),
        figure('fetch, stored', stored.result / stored.cpu, 'points/s'),
        figure('fetch, hot', hot.result / hot.cpu, 'points/s'),
      ];
    } finally {
      await st.destroy();
    }
  },
};
