import type { Series } from '../series.js';
import { consolidatedValues, datapointCount } from '../consolidation.js';
import { jsonString, jsonValue } from './python-repr.js';

export interface JsonOptions {
  /** indent by two spaces, as graphite-web's `pretty=1` */
  pretty: boolean;
  /** leave out null points, and series left with none */
  noNullPoints: boolean;
}

/**
 * graphite-web's JSON answer, text for text: `[{"target": ..., "tags": {...}, "datapoints":
 * [[value, timestamp], ...]}]` with Python's separators and float repr, NaN as null and
 * infinities as ±1e9999. Series carry their maxDataPoints consolidation already.
 *
 * Written by hand: it is the largest answer carbyne gives (see bench/render-json.bench.ts for
 * the comparison with JSON.stringify).
 */
export function renderJson(series: readonly Series[], opts: JsonOptions): string {
  if (!series.some((s) => s.values.length > 0)) return '[]';
  return opts.pretty ? renderPretty(series, opts.noNullPoints) : renderCompact(series, opts.noNullPoints);
}

function renderCompact(series: readonly Series[], noNullPoints: boolean): string {
  let out = '[';
  let first = true;
  for (const s of series) {
    const values = consolidatedValues(s);
    const n = datapointCount(s, values);
    const stride = s.step * s.valuesPerPoint;
    let points = '';
    let count = 0;
    for (let i = 0, ts = s.start; i < n; i++, ts += stride) {
      const v = values[i];
      if (noNullPoints && v !== v) continue;
      points += count++ === 0 ? `[${jsonValue(v)}, ${ts}]` : `, [${jsonValue(v)}, ${ts}]`;
    }
    if (noNullPoints && count === 0) continue;
    out += `${first ? '' : ', '}{"target": ${jsonString(s.name)}, "tags": ${compactTags(s.tags)}, "datapoints": [${points}]}`;
    first = false;
  }
  return `${out}]`;
}

function compactTags(tags: Record<string, string>): string {
  let out = '{';
  let first = true;
  for (const k in tags) {
    out += `${first ? '' : ', '}${jsonString(k)}: ${jsonString(String(tags[k]))}`;
    first = false;
  }
  return `${out}}`;
}

/** Python's json.dumps(indent=2): "," at line ends, ": " after keys, "[]"/"{}" when empty. */
function renderPretty(series: readonly Series[], noNullPoints: boolean): string {
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
    const tagLines = Object.keys(s.tags).map((k) => `      ${jsonString(k)}: ${jsonString(String(s.tags[k]))}`);
    const tags = tagLines.length === 0 ? '{}' : `{\n${tagLines.join(',\n')}\n    }`;
    const datapoints = points.length === 0 ? '[]' : `[\n${points.join(',\n')}\n    ]`;
    entries.push(`  {\n    "target": ${jsonString(s.name)},\n    "tags": ${tags},\n    "datapoints": ${datapoints}\n  }`);
  }
  return entries.length === 0 ? '[]' : `[\n${entries.join(',\n')}\n]`;
}
