/**
 * The oracle's sample data (test/fixtures/oracle) as an in-memory MetricIndex and SeriesReader
 * that answer as graphite-web's whisper finder does for ranges within each series' finest
 * archive: globs with `*`, `?`, `[...]` and `{a,b}` per path element, whisper's fetch bounds.
 * For testing /render and its functions before the real storage engine and index are wired.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { minimatch } from 'minimatch';
import { StorageRules } from '../../src/config/storage-rules.js';
import type { MetricIndex, MetricNode } from '../../src/finders/metric-index.js';
import type { FetchedSeries, SeriesReader } from '../../src/readers/series-reader.js';
import { parseTags } from '../../src/render/series.js';

interface Stored {
  step: number;
  retention: number;
  points: Map<number, number>;
  aggregation: FetchedSeries['aggregation'];
  xFilesFactor: number;
}

export function sampleStore(): { index: MetricIndex; reader: SeriesReader } {
  const rules = StorageRules.fromConfig({
    storageSchemas: 'test/fixtures/oracle/storage-schemas.conf',
    storageAggregation: 'test/fixtures/oracle/storage-aggregation.conf',
    retentions: [],
    aggregations: [],
  });
  const series = new Map<string, Stored>();
  const text = gunzipSync(readFileSync('test/fixtures/oracle/sample-points.txt.gz')).toString('utf8');
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [name, value, ts] = line.split(' ');
    let s = series.get(name);
    if (!s) {
      const schema = rules.schemaFor(name);
      const finest = schema.retentions[0];
      s = { step: finest.step, retention: finest.retention, points: new Map(), aggregation: schema.aggregation, xFilesFactor: schema.xFilesFactor };
      series.set(name, s);
    }
    const t = Number(ts);
    s.points.set(t - (t % s.step), Number(value));
  }
  const names = [...series.keys()].sort();

  const index: MetricIndex = {
    async *find(pattern: string): AsyncIterable<MetricNode> {
      if (pattern.includes(';')) {
        if (series.has(pattern)) yield { path: pattern, isLeaf: true };
        return;
      }
      const glob = pattern.split('.').join('/');
      for (const name of names) if (!name.includes(';') && minimatch(name.split('.').join('/'), glob)) yield { path: name, isLeaf: true };
    },
    async register() {},
    async delete() {
      return 0;
    },
    async close() {},
  };

  const reader: SeriesReader = {
    async fetch(name, from, until, now) {
      const s = series.get(name);
      if (!s) return null;
      if (now - from > s.retention) throw new Error(`sample store: ${name} from ${from} is beyond its finest archive`);
      const start = from - (from % s.step) + s.step;
      const end = until - (until % s.step) + s.step;
      const values = new Float64Array(Math.max(0, (end - start) / s.step));
      for (let i = 0, t = start; t < end; i++, t += s.step) values[i] = s.points.get(t) ?? NaN;
      const tags = parseTags(name);
      delete tags.name;
      return { name, tags, start, end, step: s.step, values, aggregation: s.aggregation, xFilesFactor: s.xFilesFactor };
    },
  };
  return { index, reader };
}
