import { figure, percentiles, type Benchmark } from './harness.js';
import { Series } from '../src/render/series.js';
import { renderJson } from '../src/render/formats/json.js';
import { renderRaw } from '../src/render/formats/raw.js';
import { renderOutput, renderOutputSliced, type OutputOptions } from '../src/render/formats/index.js';
import { WorkSlicer } from '../src/lib/work-slicer.js';

/**
 * The JSON serialiser of /render, hand-written to write graphite-web's text (Python separators
 * and float repr), against JSON.stringify of the same answer (which writes different text:
 * no spaces, `5` for 5.0). 400 series x 360 points (the 2.7 MB figure others publish) and
 * 20 series x 8640 points. Beside them the raw serialiser (the format graphite-web front ends
 * and scripts read) on the same series, and the json answer as /render writes it, in slices
 * of the event loop (renderOutputSliced), against the same answer written whole (renderOutput,
 * what /render did before issue 14), with the longest stretch the sliced one held the loop.
 */
export const benchmark: Benchmark = {
  name: 'render-json',
  async run(ctx) {
    const figures = [];
    for (const [count, points] of [[400, 360], [20, 8640]] as const) {
      const series = Array.from({ length: count }, (_, s) => {
        const values = Float64Array.from({ length: points }, (_, i) => (i % 97 === 0 ? NaN : Math.round((50 + 40 * Math.sin((i + s) / 57)) * 1000) / 1000));
        return new Series(`bench.host${s}.cpu.user`, 1795300000, 1795300000 + points * 10, 10, values);
      });
      const rounds = ctx.quick ? 10 : 40;
      const ours: number[] = [];
      const theirs: number[] = [];
      const raw: number[] = [];
      let bytes = 0;
      for (let r = 0; r < rounds + 2; r++) {
        let t0 = performance.now();
        const text = renderJson(series, { pretty: false, noNullPoints: false });
        const a = performance.now() - t0;
        t0 = performance.now();
        const plain = JSON.stringify(
          series.map((s) => ({ target: s.name, tags: s.tags, datapoints: Array.from(s.values, (v, i) => [Number.isNaN(v) ? null : v, s.start + i * s.step]) })),
        );
        const b = performance.now() - t0;
        t0 = performance.now();
        renderRaw(series);
        const c = performance.now() - t0;
        if (r >= 2) {
          ours.push(a);
          theirs.push(b);
          raw.push(c);
        }
        bytes = text.length;
      }
      const o = percentiles(ours);
      const j = percentiles(theirs);
      ctx.log(`${count}x${points}: ${(bytes / 1e6).toFixed(2)} MB`);
      const label = `in-process serialiser, ${count} series x ${points} points (${(bytes / 1e6).toFixed(1)} MB)`;
      figures.push(figure(`${label}, median`, o.median, 'ms', { name: 'JSON.stringify', value: j.median }));
      figures.push(figure(`${label}, p99`, o.p99, 'ms', { name: 'JSON.stringify', value: j.p99 }));
      figures.push(figure(`raw serialiser, ${count} series x ${points} points, median`, percentiles(raw).median, 'ms'));
      const sliced = await slicedAgainstWhole(series, rounds);
      figures.push(figure(`json answer in slices of the event loop, ${count} series x ${points} points, median`, sliced.sliced, 'ms', { name: 'written whole', value: sliced.whole }));
      figures.push(figure(`json answer in slices: longest hold of the event loop, ${count} series x ${points} points`, sliced.longestHold, 'ms'));
    }
    return figures;
  },
};

/** Medians of the json answer written sliced (awaiting every pause) and whole, and the longest hold between two pauses. */
async function slicedAgainstWhole(series: Series[], rounds: number): Promise<{ sliced: number; whole: number; longestHold: number }> {
  const opts: OutputOptions = { format: 'json', pretty: false, noNullPoints: false, tz: 'UTC' };
  const sliced: number[] = [];
  const whole: number[] = [];
  let longestHold = 0;
  let measuring = false;
  let lastTurn = performance.now();
  const watcher = setInterval(() => {
    const now = performance.now();
    if (measuring) longestHold = Math.max(longestHold, now - lastTurn);
    lastTurn = now;
  }, 1);
  for (let r = 0; r < rounds + 2; r++) {
    let t0 = performance.now();
    lastTurn = t0;
    measuring = r >= 2;
    const a = await renderOutputSliced(series, opts, new WorkSlicer());
    const ta = performance.now() - t0;
    // the hold that ends with the sliced answer's last step counts too
    if (measuring) longestHold = Math.max(longestHold, performance.now() - lastTurn);
    measuring = false;
    t0 = performance.now();
    const b = renderOutput(series, opts);
    const tb = performance.now() - t0;
    if (Buffer.compare(Buffer.from(a.body), Buffer.from(b.body)) !== 0) throw new Error('the sliced answer differs from the whole one');
    if (r >= 2) {
      sliced.push(ta);
      whole.push(tb);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  clearInterval(watcher);
  return { sliced: percentiles(sliced).median, whole: percentiles(whole).median, longestHold };
}
