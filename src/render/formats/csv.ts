import type { Series } from '../series.js';
import { consolidatedValues } from '../consolidation.js';
import { ZonedFormatter } from '../timezone.js';
import { runWhole } from '../../lib/work-slicer.js';
import { ByteWriter } from './byte-writer.js';
import { POINTS_PER_STEP } from './work-steps.js';
import type { ByteBuffers } from '../../lib/value-pool.js';

/**
 * graphite-web's CSV answer (Python's csv writer, excel dialect): `name,YYYY-MM-DD HH:MM:SS,value`
 * per point, the time in the request's zone, an empty field for null, CRLF line ends, and a
 * field quoted only when it holds a comma, a quote or a line break.
 */
export function renderCsv(series: readonly Series[], zone: string): Buffer {
  return runWhole(csvWork(series, zone));
}

/** renderCsv as work in steps (see WorkSlicer.run), its bytes from `bytes` when given. */
export function* csvWork(series: readonly Series[], zone: string, bytes?: ByteBuffers): Generator<void, Buffer> {
  const times = new TimeTexts(zone);
  const w = new ByteWriter(Math.max(1024, Math.min(series.reduce((n, s) => n + s.values.length * (s.name.length + 40), 0), 256 * 1024 * 1024)), bytes);
  for (const s of series) {
    const name = Buffer.from(csvField(s.name), 'utf8').toString('latin1');
    const values = consolidatedValues(s);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      w.ascii(name);
      w.byte(0x2c);
      w.ascii(times.at(s.start + i * s.step));
      w.byte(0x2c);
      if (v === v) w.float(v);
      w.byte(0x0d);
      w.byte(0x0a);
      if (i % POINTS_PER_STEP === POINTS_PER_STEP - 1) yield;
    }
    yield;
  }
  return w.finish();
}

/**
 * The text of each time of an answer, formatted once: the series of an answer mostly share
 * their times, and formatting a time in a zone costs far more than writing a point.
 */
class TimeTexts {
  private readonly clock: ZonedFormatter;
  private readonly texts = new Map<number, string>();

  constructor(zone: string) {
    this.clock = new ZonedFormatter(zone);
  }

  at(t: number): string {
    let text = this.texts.get(t);
    if (text === undefined) {
      text = this.clock.format(t);
      this.texts.set(t, text);
    }
    return text;
  }
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
