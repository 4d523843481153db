import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { MetricIndex, MetricNode, FindOptions } from '../../src/finders/metric-index.js';
import type { FetchedSeries, SeriesReader } from '../../src/readers/series-reader.js';
import { StorageRules, parseStorageAggregation, parseStorageSchemas } from '../../src/config/storage-rules.js';
import type { AggregationMethod, StorageSchema } from '../../src/series/types.js';
import { parseTags } from '../../src/render/series.js';

/**
 * The golden data as the oracle's whisper files hold it, for testing /render before the
 * storage engine and the index are merged: each series is written as make_whisper.py writes it
 * (one whisper update_many of all points at NOW, so points older than the first archive go
 * straight into the next one, last value per slot, and the rest propagate with the
 * aggregation method and xFilesFactor), and read as whisper's fetch reads it. Globs match
 * one path level per element, as graphite's finders do. This stands in for storage only:
 * everything /render does above the SeriesReader and the MetricIndex is the real code.
 */
export class WhisperEmulation implements MetricIndex, SeriesReader {
  private readonly files = new Map<string, WhisperFile>();

  static fromGoldenData(now: number): WhisperEmulation {
    const rules = new StorageRules(
      parseStorageSchemas(readFileSync('test/fixtures/oracle/storage-schemas.conf', 'utf8'), 'storage-schemas.conf'),
      parseStorageAggregation(readFileSync('test/fixtures/oracle/storage-aggregation.conf', 'utf8'), 'storage-aggregation.conf'),
    );
    const text = gunzipSync(readFileSync('test/fixtures/oracle/sample-points.txt.gz')).toString('utf8');
    const points = new Map<string, Array<[number, number]>>();
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const [name, value, ts] = line.split(' ');
      let list = points.get(name);
      if (!list) points.set(name, (list = []));
      list.push([Number(ts), Number(value)]);
    }
    const store = new WhisperEmulation();
    for (const [name, list] of points) {
      const file = new WhisperFile(rules.schemaFor(name));
      file.updateMany(list, now);
      store.files.set(name, file);
    }
    return store;
  }

  get names(): string[] {
    return [...this.files.keys()];
  }

  async *find(pattern: string, opts: FindOptions = {}): AsyncIterable<MetricNode> {
    const matchers = pattern.split('.').map(globElement);
    const seen = new Set<string>();
    let count = 0;
    for (const name of [...this.files.keys()].sort()) {
      if (name.includes(';')) continue;
      const parts = name.split('.');
      for (let depth = 1; depth <= parts.length; depth++) {
        if (depth !== matchers.length) continue;
        if (!parts.slice(0, depth).every((p, i) => matchers[i].test(p))) continue;
        const path = parts.slice(0, depth).join('.');
        const isLeaf = depth === parts.length;
        if ((opts.leavesOnly && !isLeaf) || seen.has(`${path}|${isLeaf}`)) continue;
        seen.add(`${path}|${isLeaf}`);
        yield { path, isLeaf };
        if (opts.limit !== undefined && ++count >= opts.limit) return;
      }
    }
  }

  /** graphite's tag expressions: `tag=value`, `tag!=value`, `tag=~regex`, `tag!=~regex` (regex anchored at the start). */
  async findSeries(expressions: readonly string[]): Promise<string[]> {
    const tests = expressions.map((e) => {
      const m = /^([^!=~]+)(!=~|=~|!=|=)(.*)$/.exec(e);
      if (!m) throw new Error(`bad tag expression ${e}`);
      const [, tag, op, value] = m;
      const re = new RegExp(`^(?:${value})`);
      return (tags: Record<string, string>) => {
        const v = tags[tag] ?? '';
        if (op === '=') return v === value;
        if (op === '!=') return v !== value;
        if (op === '=~') return re.test(v);
        return !re.test(v);
      };
    });
    return [...this.files.keys()].filter((n) => n.includes(';') && tests.every((t) => t(parseTags(n)))).sort();
  }

  async register(): Promise<void> {}
  async delete(): Promise<number> {
    return 0;
  }
  async close(): Promise<void> {}

  async fetch(name: string, from: number, until: number, now: number): Promise<FetchedSeries | null> {
    const file = this.files.get(name);
    if (!file) return null;
    const r = file.fetch(from, until, now);
    if (!r) return null;
    const semi = name.indexOf(';');
    const tags = semi < 0 ? {} : Object.fromEntries(name.slice(semi + 1).split(';').map((kv) => kv.split('=') as [string, string]));
    return { name, tags, ...r, aggregation: file.schema.aggregation, xFilesFactor: file.schema.xFilesFactor };
  }
}

/** One element of a graphite glob as a RegExp: `*`, `?`, `[...]`, `[!...]` and `{a,b}`. */
function globElement(element: string): RegExp {
  let re = '';
  for (let i = 0; i < element.length; i++) {
    const c = element[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = element.indexOf(']', i + 2);
      const body = element.slice(i + 1, end);
      re += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
      i = end;
    } else if (c === '{') {
      const end = element.indexOf('}', i);
      re += `(?:${element.slice(i + 1, end).split(',').map(escape).join('|')})`;
      i = end;
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Archive {
  step: number;
  points: number;
  retention: number;
  stamps: Float64Array;
  values: Float64Array;
}

class WhisperFile {
  private readonly archives: Archive[];
  private readonly maxRetention: number;

  constructor(readonly schema: StorageSchema) {
    this.archives = schema.retentions.map((r) => {
      const points = r.retention / r.step;
      return { step: r.step, points, retention: r.retention, stamps: new Float64Array(points), values: new Float64Array(points) };
    });
    this.maxRetention = Math.max(...this.archives.map((a) => a.retention));
  }

  /** whisper.update_many: newest first, each archive takes the points within its retention. */
  updateMany(points: Array<[number, number]>, now: number): void {
    const sorted = [...points].sort((a, b) => b[0] - a[0]);
    let archiveIndex = 0;
    let current: Array<[number, number]> = [];
    for (const p of sorted) {
      const age = now - p[0];
      while (archiveIndex < this.archives.length && this.archives[archiveIndex].retention < age) {
        if (current.length > 0) this.archiveUpdate(archiveIndex, current.reverse());
        current = [];
        archiveIndex++;
      }
      if (archiveIndex >= this.archives.length) break;
      current.push(p);
    }
    if (archiveIndex < this.archives.length && current.length > 0) this.archiveUpdate(archiveIndex, current.reverse());
  }

  private archiveUpdate(index: number, points: Array<[number, number]>): void {
    const a = this.archives[index];
    const aligned = points.map(([t, v]) => [t - (t % a.step), v] as [number, number]);
    for (let i = 0; i < aligned.length; i++) {
      if (i + 1 < aligned.length && aligned[i][0] === aligned[i + 1][0]) continue;
      const slot = (aligned[i][0] / a.step) % a.points;
      a.stamps[slot] = aligned[i][0];
      a.values[slot] = aligned[i][1];
    }
    let higher = a;
    for (let lowerIndex = index + 1; lowerIndex < this.archives.length; lowerIndex++) {
      const lower = this.archives[lowerIndex];
      const intervals = new Set(aligned.map(([t]) => t - (t % lower.step)));
      let propagated = false;
      for (const interval of intervals) if (this.propagate(interval, higher, lower)) propagated = true;
      if (!propagated) break;
      higher = lower;
    }
  }

  private propagate(interval: number, higher: Archive, lower: Archive): boolean {
    const n = lower.step / higher.step;
    const neighbors: Array<number | null> = [];
    for (let i = 0; i < n; i++) {
      const t = interval + i * higher.step;
      const slot = (t / higher.step) % higher.points;
      neighbors.push(higher.stamps[slot] === t ? higher.values[slot] : null);
    }
    const known = neighbors.filter((v): v is number => v !== null);
    if (known.length === 0) return false;
    if (known.length / neighbors.length < this.schema.xFilesFactor) return false;
    const slot = (interval / lower.step) % lower.points;
    lower.stamps[slot] = interval;
    lower.values[slot] = aggregate(this.schema.aggregation, known, neighbors);
    return true;
  }

  /** whisper.fetch: clamp to retention, pick the finest archive covering `now - from`. */
  fetch(fromTime: number, untilTime: number, now: number): { start: number; end: number; step: number; values: Float64Array } | null {
    const oldest = now - this.maxRetention;
    if (fromTime > now || untilTime < oldest) return null;
    if (fromTime < oldest) fromTime = oldest;
    if (untilTime > now) untilTime = now;
    const diff = now - fromTime;
    const a = this.archives.find((x) => x.retention >= diff) ?? this.archives[this.archives.length - 1];
    const from = fromTime - (fromTime % a.step) + a.step;
    let until = untilTime - (untilTime % a.step) + a.step;
    if (from === until) until += a.step;
    const values = new Float64Array((until - from) / a.step);
    for (let i = 0, t = from; t < until; i++, t += a.step) {
      const slot = (t / a.step) % a.points;
      values[i] = a.stamps[slot] === t ? a.values[slot] : NaN;
    }
    return { start: from, end: until, step: a.step, values };
  }
}

function aggregate(method: AggregationMethod, known: number[], neighbors: Array<number | null>): number {
  switch (method) {
    case 'average':
      return known.reduce((s, v) => s + v, 0) / known.length;
    case 'sum':
      return known.reduce((s, v) => s + v, 0);
    case 'last':
      return known[known.length - 1];
    case 'max':
      return Math.max(...known);
    case 'min':
      return Math.min(...known);
    case 'count':
      return neighbors.filter((v) => v !== null).length;
  }
}
