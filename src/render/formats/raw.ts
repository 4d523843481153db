import type { Series } from '../series.js';
import { consolidatedValues } from '../consolidation.js';
import { reprOrNone } from './value-text.js';

/** graphite-web's raw answer: `name,start,end,step|v1,v2,...` and a newline per series, None for null. */
export function renderRaw(series: readonly Series[]): string {
  let out = '';
  for (const s of series) {
    const values = consolidatedValues(s);
    let line = `${s.name},${Math.trunc(s.start)},${Math.trunc(s.end)},${Math.trunc(s.step)}|`;
    for (let i = 0; i < values.length; i++) line += i === 0 ? reprOrNone(values[i]) : `,${reprOrNone(values[i])}`;
    out += `${line}\n`;
  }
  return out;
}
