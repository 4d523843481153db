import type { Series } from '../series.js';
import { consolidatedValues } from '../consolidation.js';
import { quoteAscii } from '../../lib/python-json.js';
import { jsonValue } from './value-text.js';
import { runWhole } from '../../lib/work-slicer.js';

/**
 * graphite-web's rickshaw answer: `[{"target": name, "datapoints": [{"x": ts, "y": v}, ...]}]`
 * on `range(start, end, step)`. Infinities are written ±1e9999 (graphite-web writes a bare
 * Infinity, which is not JSON).
 */
export function renderRickshaw(series: readonly Series[], pretty: boolean): string {
  return runWhole(rickshawWork(series, pretty));
}

/** renderRickshaw as work in steps (a series): see WorkSlicer.run. */
export function* rickshawWork(series: readonly Series[], pretty: boolean): Generator<void, string> {
  const entries: string[] = [];
  for (const s of series) {
    const values = consolidatedValues(s);
    const n = Math.min(values.length, Math.max(0, Math.ceil((s.end - s.start) / s.step)));
    const points: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const x = s.start + i * s.step;
      points[i] = pretty
        ? `      {\n        "x": ${x},\n        "y": ${jsonValue(values[i])}\n      }`
        : `{"x": ${x}, "y": ${jsonValue(values[i])}}`;
    }
    if (pretty) {
      const datapoints = n === 0 ? '[]' : `[\n${points.join(',\n')}\n    ]`;
      entries.push(`  {\n    "target": ${quoteAscii(s.name)},\n    "datapoints": ${datapoints}\n  }`);
    } else {
      entries.push(`{"target": ${quoteAscii(s.name)}, "datapoints": [${points.join(', ')}]}`);
    }
    yield;
  }
  if (entries.length === 0) return '[]';
  return pretty ? `[\n${entries.join(',\n')}\n]` : `[${entries.join(', ')}]`;
}
