import type { Series } from '../series.js';
import { consolidatedValues, datapointCount } from '../consolidation.js';
import { quoteAscii } from '../../lib/python-json.js';
import { jsonValue } from './value-text.js';
import { ByteWriter, gridTrailers } from './byte-writer.js';
import { runWhole } from '../../lib/work-slicer.js';
import { POINTS_PER_STEP } from './work-steps.js';
import type { ByteBuffers } from '../../lib/value-pool.js';

export interface JsonOptions {
  /** indent by two spaces, as graphite-web's `pretty=1` */
  pretty: boolean;
  /** leave out null points, and series left with none */
  noNullPoints: boolean;
  /** where the compact answer's bytes come from (fresh memory without) */
  bytes?: ByteBuffers;
}

/**
 * graphite-web's JSON answer, text for text: `[{"target": ..., "tags": {...}, "datapoints":
 * [[value, timestamp], ...]}]` with Python's separators and float repr, NaN as null and
 * infinities as ±1e9999. Series carry their maxDataPoints consolidation already.
 *
 * Written by hand: it is the largest answer carbyne gives (see bench/render-json.bench.ts for
 * the comparison with JSON.stringify). graphite-web answers `[]` when no series holds a value
 * before maxDataPoints applies: that check is the caller's (renderOutput), since consolidation
 * can leave a series that had values with none.
 */
export function renderJson(series: readonly Series[], opts: JsonOptions): Buffer {
  return runWhole(jsonWork(series, opts));
}

/** renderJson as work in steps (a series, or POINTS_PER_STEP points): see WorkSlicer.run. */
export function* jsonWork(series: readonly Series[], opts: JsonOptions): Generator<void, Buffer> {
  return opts.pretty ? Buffer.from(yield* renderPretty(series, opts.noNullPoints), 'latin1') : yield* renderCompact(series, opts.noNullPoints, opts.bytes);
}


function* renderCompact(series: readonly Series[], noNullPoints: boolean, bytes: ByteBuffers | undefined): Generator<void, Buffer> {
  const trailers = new GridTrailers();
  const estimate = series.reduce((n, s) => n + s.values.length, 0) * 24 + series.length * 128;
  const w = new ByteWriter(Math.max(1024, Math.min(estimate, 256 * 1024 * 1024)), bytes);
  w.byte(0x5b);
  let first = true;
  for (const s of series) {
    const values = consolidatedValues(s);
    const n = datapointCount(s, values);
    if (noNullPoints && !hasValue(values, n)) continue;
    const stride = s.step * s.valuesPerPoint;
    w.ascii(`${first ? '' : ', '}{"target": ${quoteAscii(s.name)}, "tags": ${compactTags(withName(s))}, "datapoints": [`);
    first = false;
    let count = 0;
    const grid = n > 0 ? trailers.get(s.start, stride, n) : null;
    if (grid !== null) {
      w.gridOpen();
      for (let i = 0; i < n; i += POINTS_PER_STEP) {
        count += w.gridPoints(values, i, Math.min(n, i + POINTS_PER_STEP), grid, noNullPoints);
        if (i + POINTS_PER_STEP < n) yield;
      }
      w.gridClose(count);
    } else {
      for (let i = 0, ts = s.start; i < n; i++, ts += stride) {
        const v = values[i];
        if (v !== v) {
          if (noNullPoints) continue;
          w.pointOpen(count++ === 0, true);
        } else {
          w.pointOpen(count++ === 0, false);
          if (v === Infinity || v === -Infinity) w.ascii(v > 0 ? '1e9999' : '-1e9999');
          else w.float(v);
          w.byte(0x2c);
          w.byte(0x20);
        }
        w.int(ts);
        w.byte(0x5d);
        if (i % POINTS_PER_STEP === POINTS_PER_STEP - 1) yield;
      }
    }
    w.ascii(']}');
    yield;
  }
  w.byte(0x5d);
  return w.finish();
}

/** The trailers of each time grid of an answer (see gridTrailers), made once per grid. */
class GridTrailers {
  private readonly grids = new Map<string, Uint32Array | null>();

  /** null when some time of the grid does not have 10 digits */
  get(start: number, stride: number, count: number): Uint32Array | null {
    const key = `${start}:${stride}`;
    let words = this.grids.get(key);
    if (words === undefined || words === null || words.length < count * 4) {
      words = gridTrailers(start, stride, count);
      this.grids.set(key, words);
    }
    return words;
  }
}

function hasValue(values: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (values[i] === values[i]) return true;
  return false;
}


/** Grafana titles series by `tags.name`: it is always there, the series name when a function left it out. */
function withName(s: Series): Record<string, string> {
  return 'name' in s.tags ? s.tags : { name: s.name, ...s.tags };
}

function compactTags(tags: Record<string, string>): string {
  let out = '{';
  let first = true;
  for (const k in tags) {
    out += `${first ? '' : ', '}${quoteAscii(k)}: ${quoteAscii(String(tags[k]))}`;
    first = false;
  }
  return `${out}}`;
}

/** Python's json.dumps(indent=2): "," at line ends, ": " after keys, "[]"/"{}" when empty. */
function* renderPretty(series: readonly Series[], noNullPoints: boolean): Generator<void, string> {
  const entries: string[] = [];
  for (const s of series) {
    const values = consolidatedValues(s);
    const n = datapointCount(s, values);
    const stride = s.step * s.valuesPerPoint;
    const points: string[] = [];
    for (let i = 0, ts = s.start; i < n; i++, ts += stride) {
      const v = values[i];
      if (noNullPoints && v !== v) continue;
      points.push(`      [\n        ${jsonValue(v)},\n        ${ts}\n      ]`);
    }
    if (noNullPoints && points.length === 0) continue;
    const tags0 = withName(s);
    const tagLines = Object.keys(tags0).map((k) => `      ${quoteAscii(k)}: ${quoteAscii(String(tags0[k]))}`);
    const tags = tagLines.length === 0 ? '{}' : `{\n${tagLines.join(',\n')}\n    }`;
    const datapoints = points.length === 0 ? '[]' : `[\n${points.join(',\n')}\n    ]`;
    entries.push(`  {\n    "target": ${quoteAscii(s.name)},\n    "tags": ${tags},\n    "datapoints": ${datapoints}\n  }`);
    yield;
  }
  return entries.length === 0 ? '[]' : `[\n${entries.join(',\n')}\n]`;
}
