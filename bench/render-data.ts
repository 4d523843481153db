import type { MetricIndex, MetricNode, FindOptions } from '../src/finders/metric-index.js';
import type { FetchedSeries, SeriesReader } from '../src/readers/series-reader.js';

/** a sine at three decimals, as real gauges mostly have, with a null now and then */
const WAVE = Float64Array.from({ length: 4096 }, (_, i) => (i % 97 === 0 ? NaN : Math.round((50 + 40 * Math.sin(i / 57.3)) * 1000) / 1000));

/**
 * Synthetic series for the render benchmarks: `bench.hostNNNN.cpu.user` at a 10 s step, values
 * computed on each read (a stand-in for a hot cache's decode), so the figures measure the
 * render path: glob, evaluation, consolidation, serialisation and HTTP.
 */
export class SyntheticSeries implements MetricIndex, SeriesReader {
  readonly names: string[];

  constructor(count: number, private readonly step = 10) {
    this.names = Array.from({ length: count }, (_, i) => `bench.host${String(i).padStart(4, '0')}.cpu.user`);
  }

  async *find(pattern: string, opts: FindOptions = {}): AsyncIterable<MetricNode> {
    const re = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^.]*').replace(/\{([^}]*)\}/g, (_, a: string) => `(?:${a.split(',').join('|')})`)}$`);
    let n = 0;
    for (const path of this.names) {
      if (!re.test(path)) continue;
      yield { path, isLeaf: true };
      if (opts.limit !== undefined && ++n >= opts.limit) return;
    }
  }

  async fetch(name: string, from: number, until: number): Promise<FetchedSeries | null> {
    const step = this.step;
    const start = from - (from % step) + step;
    const end = until - (until % step) + step;
    const values = new Float64Array((end - start) / step);
    const phase = name.charCodeAt(name.length - 10) * 7 + name.charCodeAt(name.length - 11) * 131;
    const first = start / step + phase;
    for (let i = 0; i < values.length; i++) values[i] = WAVE[(first + i) & 4095];
    return { name, tags: {}, start, end, step, values, aggregation: 'average', xFilesFactor: 0 };
  }

  async register() {}
  async delete() {
    return 0;
  }
  async close() {}
}

/**
 * Series given as points (make_whisper.py's --emit-json), read back aligned to their step as
 * whisper reads a single-archive file: for comparing with graphite-web over the same data.
 */
export class PointSeries implements MetricIndex, SeriesReader {
  private readonly series = new Map<string, { step: number; points: Map<number, number> }>();

  constructor(emitted: { series: Array<{ path: string; retention: number[][]; points: Array<[number, number]> }> }) {
    for (const s of emitted.series) {
      const step = s.retention[0][0];
      this.series.set(s.path, { step, points: new Map(s.points.map(([t, v]) => [t - (t % step), v])) });
    }
  }

  async *find(pattern: string): AsyncIterable<MetricNode> {
    const re = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^.]*')}$`);
    for (const path of [...this.series.keys()].sort()) if (re.test(path)) yield { path, isLeaf: true };
  }

  async fetch(name: string, from: number, until: number): Promise<FetchedSeries | null> {
    const s = this.series.get(name);
    if (!s) return null;
    const start = from - (from % s.step) + s.step;
    const end = until - (until % s.step) + s.step;
    const values = new Float64Array((end - start) / s.step);
    for (let i = 0; i < values.length; i++) values[i] = s.points.get(start + i * s.step) ?? NaN;
    return { name, tags: {}, start, end, step: s.step, values, aggregation: 'average', xFilesFactor: 0 };
  }

  async register() {}
  async delete() {
    return 0;
  }
  async close() {}
}
