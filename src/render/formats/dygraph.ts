import type { Series } from '../series.js';
import { consolidatedValues } from '../consolidation.js';
import { pyFloatRepr } from '../../lib/python-format.js';
import { quoteAscii } from '../../lib/python-json.js';
import { runWhole } from '../../lib/work-slicer.js';

/**
 * graphite-web's dygraph answer: `{"labels" : ["Time", names...], "data" : [[ms, v1, v2...], ...]}`,
 * rows on the first series' timestamps; a later series shorter than the first is padded with
 * null, a longer one cut (graphite-web fails with a 500 on both). `{}` when there is no series.
 */
export function renderDygraph(series: readonly Series[]): string {
  return runWhole(dygraphWork(series));
}

/** renderDygraph as work in steps (a row of every series): see WorkSlicer.run. */
export function* dygraphWork(series: readonly Series[]): Generator<void, string> {
  if (series.length === 0) return '{}';
  const first = series[0];
  // a step of 0 (a series over an empty range, constantLine's) has no timestamps, as in json
  const rows = first.step > 0 ? Math.max(0, Math.ceil((first.end - first.start) / first.step)) : 0;
  const columns = series.map((s) => consolidatedValues(s));
  const lines: string[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    let line = `[${first.start + i * first.step}000`;
    for (const values of columns) line += `, ${i < values.length ? dygraphValue(values[i]) : 'null'}`;
    lines[i] = `${line}]`;
    yield;
  }
  const labels = `[${['Time', ...series.map((s) => s.name)].map(quoteAscii).join(', ')}]`;
  return `{"labels" : ${labels}, "data" : [${lines.join(', ')}]}`;
}

function dygraphValue(v: number): string {
  if (v !== v) return 'null';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return pyFloatRepr(v);
}
