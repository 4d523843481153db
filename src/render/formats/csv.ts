import type { Series } from '../series.js';
import { consolidatedValues } from '../consolidation.js';
import { ZonedFormatter } from '../timezone.js';
import { pyFloatRepr } from '../../lib/python-format.js';

/**
 * graphite-web's CSV answer (Python's csv writer, excel dialect): `name,YYYY-MM-DD HH:MM:SS,value`
 * per point, the time in the request's zone, an empty field for null, CRLF line ends, and a
 * field quoted only when it holds a comma, a quote or a line break.
 */
export function renderCsv(series: readonly Series[], zone: string): string {
  const clock = new ZonedFormatter(zone);
  let out = '';
  for (const s of series) {
    const name = csvField(s.name);
    const values = consolidatedValues(s);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      out += `${name},${clock.format(s.start + i * s.step)},${v === v ? pyFloatRepr(v) : ''}\r\n`;
    }
  }
  return out;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
