import type { Series } from '../series.js';
import { consolidatedValues } from '../consolidation.js';
import { PickleWriter } from '../../lib/pickle-writer.js';
import { MsgpackWriter } from '../../lib/msgpack-writer.js';
import { runWhole } from '../../lib/work-slicer.js';
import { POINTS_PER_STEP } from './work-steps.js';
import type { ByteBuffers } from '../../lib/value-pool.js';

/**
 * graphite-web's intra-cluster answers (pickle and msgpack): a list of TimeSeries.getInfo()
 * dicts, {name, start, end, step, values, pathExpression, valuesPerPoint, consolidationFunc,
 * xFilesFactor}, values consolidated and null as None. A federating graphite-web reads these.
 */
export function renderPickle(series: readonly Series[]): Buffer {
  return runWhole(pickleWork(series));
}

/** renderPickle as work in steps (see WorkSlicer.run), its bytes from `bytes` when given. */
export function* pickleWork(series: readonly Series[], bytes?: ByteBuffers): Generator<void, Buffer> {
  const w = new PickleWriter(256 + series.reduce((n, s) => n + s.values.length * 9 + s.name.length * 2 + 200, 0), bytes);
  w.beginList();
  for (const s of series) {
    const values = consolidatedValues(s);
    w.beginDict();
    w.str('name').str(s.name);
    w.str('start').int(Math.trunc(s.start));
    w.str('end').int(Math.trunc(s.end));
    w.str('step').int(Math.trunc(s.step));
    w.str('values').beginList();
    for (let i = 0; i < values.length; i++) {
      w.floatOrNone(values[i]);
      if (i % POINTS_PER_STEP === POINTS_PER_STEP - 1) yield;
    }
    w.endList();
    w.str('pathExpression').str(s.pathExpression);
    w.str('valuesPerPoint').int(s.valuesPerPoint);
    w.str('consolidationFunc').str(s.consolidationFunc);
    w.str('xFilesFactor').float(s.xFilesFactor);
    w.endDict();
    yield;
  }
  w.endList();
  return w.finish();
}

export function renderMsgpack(series: readonly Series[]): Buffer {
  return runWhole(msgpackWork(series));
}

/** renderMsgpack as work in steps (see WorkSlicer.run), its bytes from `bytes` when given. */
export function* msgpackWork(series: readonly Series[], bytes?: ByteBuffers): Generator<void, Buffer> {
  const w = new MsgpackWriter(256 + series.reduce((n, s) => n + s.values.length * 9 + s.name.length * 2 + 200, 0), bytes);
  w.array(series.length);
  for (const s of series) {
    const values = consolidatedValues(s);
    w.map(9);
    w.str('name').str(s.name);
    w.str('start').int(Math.trunc(s.start));
    w.str('end').int(Math.trunc(s.end));
    w.str('step').int(Math.trunc(s.step));
    w.str('values').array(values.length);
    for (let i = 0; i < values.length; i++) {
      w.floatOrNil(values[i]);
      if (i % POINTS_PER_STEP === POINTS_PER_STEP - 1) yield;
    }
    w.str('pathExpression').str(s.pathExpression);
    w.str('valuesPerPoint').int(s.valuesPerPoint);
    w.str('consolidationFunc').str(s.consolidationFunc);
    w.str('xFilesFactor').float(s.xFilesFactor);
    yield;
  }
  return w.finish();
}
