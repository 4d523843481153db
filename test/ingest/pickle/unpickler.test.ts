import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { type PickleValue, PickleObject, UnpicklingError, unpickle } from '../../../src/ingest/pickle/unpickler.js';
import { toPlain } from '../../../src/ingest/pickle/to-plain.js';
import { GRAPHITE_FIND_CLASSES } from '../../../src/ingest/pickle/index.js';
import { runPython } from '../../helpers/python.js';

/**
 * A typed rendering both sides can produce: Python from its objects, we from unpickle()'s.
 * Lists and tuples both read as arrays; ints as numbers when they fit a double exactly.
 */
type Typed = null | ['b', boolean] | ['n', number | 'nan' | 'inf' | '-inf' | '-0'] | ['i', string] | ['s', string] | ['y', string] | ['l', Typed[]] | ['d', Array<[Typed, Typed]>];

function typed(v: PickleValue): Typed {
  if (v === null) return null;
  if (typeof v === 'boolean') return ['b', v];
  if (typeof v === 'number') return ['n', Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : Object.is(v, -0) ? '-0' : v];
  if (typeof v === 'bigint') return ['i', v.toString()];
  if (typeof v === 'string') return ['s', v];
  if (v instanceof Uint8Array) return ['y', Buffer.from(v).toString('hex')];
  if (Array.isArray(v)) return ['l', v.map(typed)];
  if (v instanceof Map) return ['d', [...v].map(([k, x]) => [typed(k), typed(x)] as [Typed, Typed])];
  throw new Error(`unexpected ${String(v)}`);
}

/** Python side of `typed`, and a seeded generator of nested plain data with shared references. */
const PY_TYPED = `
import base64, json, math, pickle, random, sys
def typed(v):
    if v is None: return None
    if isinstance(v, bool): return ['b', v]
    if isinstance(v, int): return ['n', v] if abs(v) <= 2**53 - 1 else ['i', str(v)]
    if isinstance(v, float):
        if v != v: return ['n', 'nan']
        if math.isinf(v): return ['n', 'inf' if v > 0 else '-inf']
        if v == 0 and math.copysign(1, v) < 0: return ['n', '-0']
        return ['n', v]
    if isinstance(v, str): return ['s', v]
    if isinstance(v, (bytes, bytearray)): return ['y', v.hex()]
    if isinstance(v, (list, tuple)): return ['l', [typed(x) for x in v]]
    if isinstance(v, dict): return ['d', [[typed(k), typed(x)] for k, x in v.items()]]
    raise TypeError(type(v))
`;

const PY_GENERATE = `${PY_TYPED}
rnd = random.Random(int(sys.argv[1]))
ALPHABET = 'abc.;=_ \\\\\\n\\r\\x00\\x1a\\'"\\u00e9\\u2603\\U0001F600'
def scalar(with_bytes):
    k = rnd.randrange(12 if with_bytes else 11)
    if k == 0: return None
    if k == 1: return rnd.random() < 0.5
    if k == 2: return rnd.randrange(-300, 300)
    if k == 3: return rnd.randrange(-2**31, 2**31)
    if k == 4: return rnd.choice([2**31, -2**31 - 1, 2**53, 2**63, -2**64, 2**200, -(2**100) - 7, 255, 256, 65535, 65536])
    if k == 5: return rnd.uniform(-1e6, 1e6)
    if k == 6: return rnd.choice([float('nan'), float('inf'), float('-inf'), -0.0, 0.0, 5e-324, 1.7976931348623157e308, 0.1])
    if k in (7, 8, 9): return ''.join(rnd.choice(ALPHABET) for _ in range(rnd.randrange(0, 12)))
    if k == 10: return 'x' * rnd.choice([255, 256, 70000 if rnd.random() < 0.02 else 3])
    return bytes(rnd.randrange(256) for _ in range(rnd.randrange(0, 300)))
def value(depth, with_bytes, shared):
    k = rnd.randrange(6) if depth < 4 else 0
    if k <= 2: v = scalar(with_bytes)
    elif k == 3: v = [value(depth + 1, with_bytes, shared) for _ in range(rnd.randrange(0, 5))] if depth > 0 or rnd.random() < 0.8 else [scalar(with_bytes) for _ in range(2500)]
    elif k == 4: v = tuple(value(depth + 1, with_bytes, shared) for _ in range(rnd.randrange(0, 6)))
    else: v = {rnd.choice(['a', 'name', 'values', '__proto__', 'x' * rnd.randrange(5)]) if rnd.random() < 0.8 else rnd.randrange(100): value(depth + 1, with_bytes, shared) for _ in range(rnd.randrange(0, 5))}
    if isinstance(v, (list, dict)) and shared and rnd.random() < 0.3: v = [v, v]  # one object referenced twice: the memo
    return v
out = []
for p in range(6):
    for i in range(int(sys.argv[2])):
        v = value(0, p >= 3, True)
        out.append([p, base64.b64encode(pickle.dumps(v, protocol=p)).decode(), typed(v)])
print(json.dumps(out))
`;

test('compat: random plain data pickled by Python with protocols 0-5 reads back as Python has it', () => {
  for (const seed of [1, 2]) {
    const cases = JSON.parse(runPython(PY_GENERATE, '', [String(seed), '60']).toString()) as Array<[number, string, Typed]>;
    assert.equal(cases.length, 360);
    for (const [protocol, b64, expected] of cases) {
      assert.deepEqual(typed(unpickle(Buffer.from(b64, 'base64'))), expected, `protocol ${protocol}: ${b64.slice(0, 80)}`);
    }
  }
});

test('compat: shared references come back as one object, as in Python', () => {
  const b64 = runPython(`import base64,pickle; x=[1,2]; print(base64.b64encode(pickle.dumps({'a': x, 'b': x}, protocol=4)).decode())`).toString().trim();
  const d = unpickle(Buffer.from(b64, 'base64')) as Map<string, PickleValue>;
  assert.ok(d.get('a') === d.get('b'));
});

test('compat: Python 2 style pickles (STRING, BINSTRING, SHORT_BINSTRING, INT, LONG) read as Python 3 reads them', () => {
  // written opcode by opcode, as Python 2's pickle writes str and long; Python 3 reads them for the expectation
  const pickles = [
    "(lp0\n(S'a.b.c'\np1\n(I1795316580\nF1.5\ntp2\ntp3\na(S'esc\\\\\\'d\\\\n\\\\x41\\\\101'\np4\n(L12345678901234567890L\nI01\ntp5\ntp6\na.",
    "(dp0\nS\"dq\"\np1\nI00\nsS'neg'\np2\nI-7\nsS'big'\np3\nL-18446744073709551616L\ns.",
    '\x80\x02]q\x00(U\x05a.b.cq\x01J\xa4\x5b\x02\x6bK\x07\x86q\x02T\x03\x00\x00\x00xyzq\x03e.',
    'V\\u00e9t\\u00e9 \\U0001f600 x\\\\u0041\np0\n.',
  ];
  const script = `${PY_TYPED}
import base64, json, pickle, sys
print(json.dumps([typed(pickle.loads(base64.b64decode(p))) for p in json.load(sys.stdin)]))`;
  const inputs = pickles.map((p) => Buffer.from(p, 'latin1'));
  const expected = JSON.parse(runPython(script, JSON.stringify(inputs.map((b) => b.toString('base64')))).toString()) as Typed[];
  inputs.forEach((b, i) => assert.deepEqual(typed(unpickle(b)), expected[i], pickles[i]));
});

test('graphite-web answers: render and find pickles read as their JSON twins say', async () => {
  // captured by test/fixtures/pickle/capture.sh from graphite-web 1.1.8
  const { readFileSync } = await import('node:fs');
  const dir = 'test/fixtures/pickle';
  for (const name of ['render_glob', 'render_1s_with_nulls']) {
    const pickled = toPlain(unpickle(readFileSync(join(dir, `${name}.pickle`)))) as Array<Record<string, unknown>>;
    const json = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Array<{ target: string; datapoints: Array<[number | null, number]> }>;
    assert.equal(pickled.length, json.length);
    assert.ok(pickled.length > 0);
    pickled.forEach((series, i) => {
      assert.equal(series.name, json[i].target);
      const values = series.values as Array<number | null>;
      assert.deepEqual(values, json[i].datapoints.map(([v]) => v));
      assert.equal(series.start, json[i].datapoints[0][1]);
      assert.equal(series.step, json[i].datapoints[1][1] - json[i].datapoints[0][1]);
      assert.equal(series.end, (series.start as number) + values.length * (series.step as number));
    });
  }
  const find = toPlain(
    unpickle(readFileSync(join(dir, 'find_servers.pickle')), { allowedClasses: GRAPHITE_FIND_CLASSES }),
  ) as Array<Record<string, any>>;
  const findJson = JSON.parse(readFileSync(join(dir, 'find_servers.json'), 'utf8')) as Array<{ path: string; is_leaf: boolean; intervals?: Array<{ start: number; end: number }> }>;
  assert.deepEqual(
    find.map((n) => [n.path, n.is_leaf]),
    findJson.map((n) => [n.path, n.is_leaf]),
  );
  for (const node of find.filter((n) => n.is_leaf)) {
    assert.equal(node.intervals.__class__, 'graphite.intervals.IntervalSet');
    for (const iv of node.intervals.intervals) {
      assert.equal(iv.__class__, 'graphite.intervals.Interval');
      assert.ok(iv.start < iv.end);
      assert.deepEqual(iv.tuple, [iv.start, iv.end]);
    }
  }
});

test('malicious pickles: GLOBAL os.system with REDUCE, and every other object opcode, are refused, not run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-pickle-'));
  const marker = join(dir, 'ran');
  try {
    const payloads = JSON.parse(
      runPython(
        `
import base64, json, os, pickle, sys
class Evil:
    def __reduce__(self): return (os.system, ('touch ' + sys.argv[1],))
class Obj:
    def __init__(self): self.x = 1
out = {}
for p in range(6):
    out['reduce_%d' % p] = base64.b64encode(pickle.dumps([('a.b', (1, 2)), Evil()], protocol=p)).decode()
out['object_4'] = base64.b64encode(pickle.dumps(Obj(), protocol=4)).decode()
out['set_4'] = base64.b64encode(pickle.dumps({1, 2}, protocol=4)).decode()
print(json.dumps(out))`,
        '',
        [marker],
      ).toString(),
    ) as Record<string, string>;
    for (const [name, b64] of Object.entries(payloads)) {
      assert.throws(() => unpickle(Buffer.from(b64, 'base64')), (err: Error) => err instanceof UnpicklingError && /opcode (GLOBAL|STACK_GLOBAL|EMPTY_SET) is not allowed/.test(err.message), name);
      // allowing some other class does not let os.system through
      assert.throws(() => unpickle(Buffer.from(b64, 'base64'), { allowedClasses: ['graphite.intervals.Interval'] }), /class (posix|os)\.system is not allowed|class __main__\.Obj is not allowed|EMPTY_SET/, name);
    }
    const handmade: Record<string, string> = {
      GLOBAL: "cos\nsystem\n(S'true'\ntR.",
      INST: "(S'true'\nios\nsystem\n.",
      OBJ: '(N)o.',
      PERSID: 'P1\n.',
      BINPERSID: 'NQ.',
      EXT1: '\x82\x01.',
      REDUCE: 'NNR.',
      BUILD: 'NNb.',
      NEWOBJ: 'N)\x81.',
      NEXT_BUFFER: '\x97.',
    };
    for (const [op, text] of Object.entries(handmade)) {
      assert.throws(() => unpickle(Buffer.from(text, 'latin1')), new RegExp(`opcode ${op} is not allowed`), op);
    }
    assert.ok(!existsSync(marker));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('allowed classes are read as records, never constructed', () => {
  const script = `
import base64, collections, pickle, sys
class Point:
    def __init__(self, x, y): self.x, self.y = x, y
class Slotted:
    __slots__ = ('a',)
    def __init__(self): self.a = [1]
for p in (2, 5):
    print(base64.b64encode(pickle.dumps([Point(1, 'two'), collections.Counter('aab'), Slotted()], protocol=p)).decode())`;
  const lines = runPython(script).toString().trim().split('\n');
  assert.equal(lines.length, 2);
  for (const b64 of lines) {
    const v = unpickle(Buffer.from(b64, 'base64'), { allowedClasses: ['__main__.Point', 'collections.Counter', '__main__.Slotted'] }) as PickleObject[];
    assert.ok(v[0] instanceof PickleObject);
    assert.equal(v[0].className, '__main__.Point');
    assert.deepEqual(toPlain(v), [
      { __class__: '__main__.Point', x: 1, y: 'two' },
      { __class__: 'collections.Counter', __args__: [{ a: 2, b: 1 }] },
      { __class__: '__main__.Slotted', a: [1] },
    ]);
    assert.throws(() => unpickle(Buffer.from(b64, 'base64'), { allowedClasses: ['__main__.Point'] }), /class collections\.Counter is not allowed/);
  }
});

test('every truncation of a valid pickle fails with UnpicklingError', () => {
  const b64 = runPython(`import base64,pickle; print(base64.b64encode(pickle.dumps([('a.b.c', (1795316580, 1.5)), {'k': [None, True, 2**70, 'x' * 300, b'yy']}], protocol=5)).decode())`)
    .toString()
    .trim();
  const full = Buffer.from(b64, 'base64');
  for (let n = 0; n < full.length; n++) {
    assert.throws(() => unpickle(full.subarray(0, n)), UnpicklingError, `prefix of ${n} bytes`);
  }
  assert.doesNotThrow(() => unpickle(full));
});

test('property: arbitrary bytes and mutated pickles never fail with anything but UnpicklingError', () => {
  const seed = Buffer.from(
    runPython(`import base64,pickle; print(base64.b64encode(pickle.dumps([('a.b.c', (1795316580, 1.5)), {'k': [None, True, 2**70, 'xé', (1,)]}], protocol=2)).decode())`)
      .toString()
      .trim(),
    'base64',
  );
  const check = (bytes: Uint8Array) => {
    try {
      unpickle(bytes, { maxStack: 10_000, maxMemo: 10_000 });
    } catch (err) {
      if (!(err instanceof UnpicklingError)) throw err;
    }
  };
  fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => check(b)), { numRuns: 3000, seed: 1 });
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(seed.length - 1), fc.nat(255)), { minLength: 1, maxLength: 4 }), (edits) => {
      const b = Buffer.from(seed);
      for (const [at, byte] of edits) b[at] = byte;
      check(b);
    }),
    { numRuns: 3000, seed: 2 },
  );
});

test('limits: size, open marks, stack and memo are bounded', () => {
  assert.throws(() => unpickle(Buffer.from('N.'), { maxBytes: 1 }), /larger than 1/);
  assert.throws(() => unpickle(Buffer.from('((((((((((')), /truncated/);
  assert.throws(() => unpickle(Buffer.from('('.repeat(20)), { maxMarks: 10 }), /more than 10 nested MARKs/);
  assert.throws(() => unpickle(Buffer.from('N'.repeat(20)), { maxStack: 10 }), /more than 10 values on the stack/);
  assert.throws(() => unpickle(Buffer.from('Np5\n.'), { maxMemo: 5 }), /memo index 5 beyond 5/);
  assert.throws(() => unpickle(Buffer.from('\x80\x04N\x94\x94\x94.', 'latin1'), { maxMemo: 2 }), /beyond 2/);
  // lengths that claim more than there is
  assert.throws(() => unpickle(Buffer.from('\x8d\xff\xff\xff\xff\xff\xff\xff\x7f.', 'latin1')), /truncated/);
  assert.throws(() => unpickle(Buffer.from('\x8b\xff\xff\xff\x7f', 'latin1')), /truncated/);
  assert.throws(() => unpickle(Buffer.from('\x95\xff\x00\x00\x00\x00\x00\x00\x00N.', 'latin1')), /frame longer than the data/);
  assert.throws(() => unpickle(Buffer.from('\x80\x06N.', 'latin1')), /unsupported pickle protocol 6/);
  assert.throws(() => unpickle(Buffer.from('NN.')), /more than one value/);
  assert.throws(() => unpickle(Buffer.from('g0\n.')), /never set/);
  assert.throws(() => unpickle(Buffer.from('Na.')), /stack underflow/);
  assert.throws(() => unpickle(Buffer.from('(Na.')), /stack underflow/);
  assert.throws(() => unpickle(Buffer.from('NNa.')), /not a list/);
  assert.throws(() => unpickle(Buffer.from('\xff', 'latin1')), /unknown opcode 0xff/);
});

test('toPlain: dicts become objects, and self-containing or too-deep data is refused', () => {
  // a list that contains itself: ]q\x00h\x00a. (EMPTY_LIST, BINPUT 0, BINGET 0, APPEND)
  const selfish = unpickle(Buffer.from(']q\x00h\x00a.', 'latin1')) as PickleValue[];
  assert.ok(selfish[0] === selfish);
  assert.throws(() => toPlain(selfish), /contains itself/);
  const deep = Buffer.from(`${']'.repeat(200)}${'a'.repeat(199)}.`, 'latin1');
  assert.throws(() => toPlain(unpickle(deep)), /nested deeper than 100/);
  assert.equal((toPlain(unpickle(deep), 1000) as unknown[]).length, 1);
  const proto = toPlain(unpickle(Buffer.from("(dS'__proto__'\n(dS'x'\nI1\nss.", 'latin1'))) as Record<string, unknown>;
  assert.deepEqual(Object.keys(proto), ['__proto__']);
  assert.equal(Object.getPrototypeOf(proto), Object.prototype);
  assert.throws(() => toPlain(unpickle(Buffer.from('(dI1\nI2\ns.'))), /key 1 is not a string/);
});
