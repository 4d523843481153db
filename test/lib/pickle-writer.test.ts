import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { type CaseNode, caseFloat, WRITER_CASES } from '../helpers/writer-cases.js';
import { PickleWriter } from '../../src/lib/pickle-writer.js';
import { ensureGraphiteWebInstalled } from '../helpers/oracle.js';

// the last test loads graphite-web's own classes: installed here, whatever ran before
before(() => ensureGraphiteWebInstalled(), { timeout: 900_000 });

const golden = JSON.parse(readFileSync('test/fixtures/pickle/cases.json', 'utf8')) as Record<string, string>;

function write(w: PickleWriter, node: CaseNode): void {
  if (!('t' in node)) {
    const [kind, n, start, step] = node.range;
    w.beginList();
    for (let i = 0; i < n; i++) {
      const x = start + i * step;
      if (kind === 'int') w.int(x);
      else if (kind === 'float') w.float(x);
      else w.str(`v${x}`);
    }
    w.endList();
    return;
  }
  switch (node.t) {
    case 'none':
      w.none();
      return;
    case 'bool':
      w.bool(node.v);
      return;
    case 'int':
      w.int(node.v);
      return;
    case 'float':
      w.float(caseFloat(node.v));
      return;
    case 'str':
      w.str(node.v);
      return;
    case 'list':
      w.beginList();
      for (const x of node.v) write(w, x);
      w.endList();
      return;
    case 'tuple':
      w.beginTuple();
      for (const x of node.v) write(w, x);
      w.endTuple();
      return;
    case 'dict':
      w.beginDict();
      if (node.range) for (let i = 0; i < node.range[0]; i++) w.str(`k${i}`).int(i);
      for (const [k, v] of node.v ?? []) {
        write(w, k);
        write(w, v);
      }
      w.endDict();
      return;
  }
}

test('plain data pickles byte for byte as CPython protocol 2 (optimized) does', () => {
  assert.deepEqual(Object.keys(golden).sort(), Object.keys(WRITER_CASES).sort());
  for (const [name, node] of Object.entries(WRITER_CASES)) {
    const w = new PickleWriter(64); // small, so growing the buffer is exercised too
    write(w, node);
    const hex = w.finish().toString("hex");
    if (hex !== golden[name]) assert.fail(`${name}: differs from byte ${firstDifference(hex, golden[name]) / 2}`);
  }
});

test('floatOrNone writes None for NaN', () => {
  const w = new PickleWriter();
  w.beginList().floatOrNone(1.5).floatOrNone(NaN).endList();
  const list = new PickleWriter();
  list.beginList().float(1.5).none().endList();
  assert.deepEqual(w.finish(), list.finish());
});

test('misuse is an error, not a corrupt pickle', () => {
  assert.throws(() => new PickleWriter().int(1.5), RangeError);
  assert.throws(() => new PickleWriter().beginList().finish(), /unclosed/);
  assert.throws(() => new PickleWriter().beginList().endDict(), /mismatched/);
  assert.throws(() => new PickleWriter().beginDict().str('k').endDict(), /key without a value/);
  assert.throws(() => new PickleWriter().beginObject('m', 'C').endObject(), /exactly one state value/);
});

test("graphite's Interval objects load in Python with graphite-web's unpickling whitelist", () => {
  const w = new PickleWriter();
  w.beginList();
  w.beginObject('graphite.intervals', 'IntervalSet').beginDict();
  w.str('intervals').beginList();
  w.beginObject('graphite.intervals', 'Interval').beginDict();
  w.str('start').float(10).str('end').float(25.5).str('tuple').beginTuple().float(10).float(25.5).endTuple().str('size').float(15.5);
  w.endDict().endObject();
  w.endList();
  w.str('size').float(15.5);
  w.endDict().endObject();
  w.endList();
  // graphite.util's SafeUnpickler in Python 3: only these globals may be loaded
  const script = `
import pickle, sys, io
SAFE = {'copy_reg': {'_reconstructor'}, 'builtins': {'object', 'list', 'set'}, 'collections': {'deque'},
        'graphite.render.datalib': {'TimeSeries', 'Tags'}, 'graphite.intervals': {'Interval', 'IntervalSet'}}
class Safe(pickle.Unpickler):
    def find_class(self, module, name):
        if name not in SAFE.get(module, ()):
            raise pickle.UnpicklingError('unsafe %s.%s' % (module, name))
        return super().find_class(module, name)
data = Safe(io.BytesIO(sys.stdin.buffer.read()), encoding='utf8').load()
s = data[0]
print(type(s).__name__, [type(i).__name__ for i in s], s.size, [i.tuple for i in s], s.intervals[0].start, s.intervals[0].end)
`;
  const r = spawnSync('/usr/bin/python3', ['-c', script], { input: w.finish(), encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout.trim(), 'IntervalSet [\'Interval\'] 15.5 [(10.0, 25.5)] 10.0 25.5');
});

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}
