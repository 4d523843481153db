import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCarbonPickle } from '../../../src/ingest/pickle/carbon-pickle.js';
import type { PointHandler } from '../../../src/ingest/point-handler.js';
import { UnpicklingError } from '../../../src/ingest/pickle/unpickler.js';
import { runPython } from '../../helpers/python.js';

class Recorder implements PointHandler {
  events: unknown[] = [];
  point(name: string, value: number, timestamp: number): void {
    this.events.push(['point', name, Number.isNaN(value) ? 'nan' : value, timestamp]);
  }
  reject(reason: string, _text: string, position: number): void {
    this.events.push(['reject', reason, position]);
  }
}

/**
 * Frames as carbon senders make them (Python's pickle, protocols 0, 1, 2, 4 and 5), with odd
 * items among good ones; and what carbon 1.1's MetricPickleReceiver makes of each item.
 */
const SCRIPT = `
import base64, json, math, pickle
items = [
    ('a.b.c', (1795316580, 1.5)),
    ('servers.web01.cpu.user', (1795316580.9, 42)),
    ('disk.used;host=web01;dc=eu', (-1, 7)),
    ('str.values', ('1795316590', '2.25')),
    ('big.int', (1795316580, 2**70)),
    ('bool.value', (1795316580, True)),
    ('nan.value', (1795316580, float('nan'))),
    ('inf.value', (1795316580, float('inf'))),
    ('list.point', [1795316580, 3]),
    ('caf\\u00e9', (1795316580, 4)),
    ('none.value', (1795316580, None)),
    ('bad.value', (1795316580, 'abc')),
    ('bad.ts', ('x', 1)),
    ('inf.ts', (float('inf'), 1)),
    ('short',),
    ('three', (1, 2), 3),
    ('short.point', (1,)),
    42,
    (7, (1795316580, 1)),
    ('after.bad', (1795316600, 9)),
]
def carbon(raw):
    # MetricPickleReceiver.stringReceived + metricReceived, item by item
    try:
        (metric, (timestamp, value)) = raw
    except Exception:
        return ['reject', 'shape']
    try:
        datapoint = (float(timestamp), float(value))
    except (ValueError, TypeError):
        return ['reject', 'number']
    if not isinstance(metric, str):
        return ['reject', 'shape']
    try:
        ts = int(datapoint[0])
    except (ValueError, OverflowError):
        return ['reject', 'number']
    v = datapoint[1]
    return ['point', metric, 'nan' if v != v else ('inf' if v == math.inf else v), ts]
frames = {p: base64.b64encode(pickle.dumps(items, protocol=p)).decode() for p in (0, 1, 2, 4, 5)}
print(json.dumps({'frames': frames, 'expected': [carbon(i) for i in items]}))
`;

test('compat: carbon pickle frames from Python protocols 0, 1, 2, 4, 5 give the points carbon reads, odd items skipped', () => {
  const { frames, expected } = JSON.parse(runPython(SCRIPT).toString()) as { frames: Record<string, string>; expected: unknown[][] };
  assert.equal(Object.keys(frames).length, 5);
  for (const [protocol, b64] of Object.entries(frames)) {
    const r = new Recorder();
    const items = decodeCarbonPickle(Buffer.from(b64, 'base64'), r);
    assert.equal(items, expected.length);
    const want = expected.map((e, i) => {
      if (e[0] === 'point') return [...e.slice(0, 2), e[2] === 'inf' ? Infinity : e[2], e[3]];
      // carbon only says "skipped"; we say why
      return ['reject', (r.events[i] as unknown[])[1], i + 1];
    });
    assert.deepEqual(r.events, want, `protocol ${protocol}`);
    const reasons = r.events.filter((e) => (e as unknown[])[0] === 'reject').map((e) => (e as unknown[])[1]);
    assert.deepEqual(reasons, ['value', 'value', 'timestamp', 'timestamp', 'shape', 'shape', 'shape', 'shape', 'shape']);
  }
});

test('a frame that is not a pickled list fails as a whole', () => {
  const dict = Buffer.from(runPython(`import base64,pickle; print(base64.b64encode(pickle.dumps({'a': 1}, protocol=2)).decode())`).toString().trim(), 'base64');
  assert.throws(() => decodeCarbonPickle(dict, new Recorder()), /list of \(path, \(timestamp, value\)\)/);
  assert.throws(() => decodeCarbonPickle(Buffer.from('garbage'), new Recorder()), UnpicklingError);
  assert.throws(() => decodeCarbonPickle(Buffer.alloc(0), new Recorder()), UnpicklingError);
});
