import type { Series } from '../series.js';
import { consolidatedValues } from '../consolidation.js';
import { ByteWriter } from './byte-writer.js';
import { runWhole } from '../../lib/work-slicer.js';
import { POINTS_PER_STEP } from './work-steps.js';
import type { ByteBuffers } from '../../lib/value-pool.js';

const NONE = 'None';

/**
 * graphite-web's raw answer: `name,start,end,step|v1,v2,...` and a newline per series, None for
 * null, values as Python's repr. Written into bytes as the json answer is (the names as UTF-8).
 */
export function renderRaw(series: readonly Series[]): Buffer {
  return runWhole(rawWork(series));
}

/** renderRaw as work in steps (see WorkSlicer.run), its bytes from `bytes` when given. */
export function* rawWork(series: readonly Series[], bytes?: ByteBuffers): Generator<void, Buffer> {
  const w = new ByteWriter(Math.max(1024, Math.min(series.reduce((n, s) => n + s.values.length, 0) * 12 + series.length * 128, 256 * 1024 * 1024)), bytes);
  for (const s of series) {
    const values = consolidatedValues(s);
    w.utf8(`${s.name},${Math.trunc(s.start)},${Math.trunc(s.end)},${Math.trunc(s.step)}|`);
    for (let i = 0; i < values.length; i++) {
      if (i > 0) w.byte(0x2c);
      const v = values[i];
      if (v !== v) w.ascii(NONE);
      else w.float(v);
      if (i % POINTS_PER_STEP === POINTS_PER_STEP - 1) yield;
    }
    w.byte(0x0a);
    yield;
  }
  return w.finish();
}
