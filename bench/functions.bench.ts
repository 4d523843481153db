/**
 * Render functions on the hot path: sumSeries (the column-wise accumulation of aggregate
 * against the row-by-row path every other aggregation takes), averageSeries, movingAverage's
 * window and summarize's buckets, over synthetic series with a few nulls.
 */
import { type Benchmark, figure, percentiles } from './harness.js';
import { Series } from '../src/render/series.js';
import { aggregateRows, aggregateWhole } from '../src/render/functions/lib/aggregate.js';
import { summarizeValues } from '../src/render/functions/lib/summarize-values.js';
import { getAggFunc, safeSum } from '../src/render/functions/lib/safe.js';
import { movingWindow } from '../src/render/functions/lib/moving-window.js';

function makeSeries(count: number, points: number): Series[] {
  const out: Series[] = [];
  let seed = 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < count; i++) {
    const values = new Float64Array(points);
    for (let j = 0; j < points; j++) values[j] = rand() < 0.02 ? NaN : rand() * 100;
    out.push(new Series(`bench.host${i}.cpu`, 0, points * 10, 10, values));
  }
  return out;
}

function time(rounds: number, fn: () => void): { median: number; p99: number } {
  // untimed rounds first: the first figure of the run otherwise includes compiling the code
  for (let r = 0; r < 3; r++) fn();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return percentiles(samples);
}

export const benchmark: Benchmark = {
  name: 'functions',
  async run(ctx) {
    const figures = [];
    const rounds = ctx.quick ? 10 : 50;
    const shapes: [number, number][] = ctx.quick ? [[1000, 360]] : [[1000, 360], [200, 8640], [20, 8640]];
    for (const [count, points] of shapes) {
      const list = makeSeries(count, points);
      const label = `${count} series x ${points} points`;
      const sum = time(rounds, () => aggregateWhole({ xFilesFactor: 0 }, [list], 'sum'));
      figures.push(figure(`sumSeries ${label}, median`, sum.median, 'ms'), figure(`sumSeries ${label}, p99`, sum.p99, 'ms'));
      const cols = list.map((s) => s.values);
      // the row-by-row path the other aggregations use, for the same sum: what the column path saves
      const rows = time(rounds, () => aggregateRows(cols, 'sumByRow', safeSum, 0));
      figures.push(figure(`sum row by row ${label}, median`, rows.median, 'ms'));
      const avg = time(rounds, () => aggregateWhole({ xFilesFactor: 0 }, [list], 'average'));
      figures.push(figure(`averageSeries ${label}, median`, avg.median, 'ms'));
      const median = time(ctx.quick ? 3 : 10, () => aggregateWhole({ xFilesFactor: 0 }, [list], 'median'));
      figures.push(figure(`aggregate median ${label}, median`, median.median, 'ms'));
    }
    const one = makeSeries(20, 8640);
    const agg = getAggFunc('sum');
    const summ = time(rounds, () => {
      for (const s of one) summarizeValues(s, agg, 3600, 0, s.end);
    });
    figures.push(figure('summarize 1h sum, 20 series x 8640 points, median', summ.median, 'ms'));
    // the look-back read is the same series (the refetch the evaluator hands the function)
    // paced as in a render, with a pause that never waits: what pacing itself costs is in the figure
    const pacing = { pause: async () => {} };
    for (let r = 0; r < 3; r++) await movingWindow(pacing, one, one, 30, 'average');
    const samples: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = process.hrtime.bigint();
      await movingWindow(pacing, one, one, 30, 'average');
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    figures.push(figure('movingAverage window of 30 points, 20 series x 8640 points, median', percentiles(samples).median, 'ms'));
    return figures;
  },
};
