import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PlaintextParser } from '../../src/ingest/plaintext-parser.js';
import type { PointHandler } from '../../src/ingest/point-handler.js';
import type { RejectReason } from '../../src/ingest/reject-reason.js';
import { runPython } from '../helpers/python.js';

type Event = ['point', string, number, number] | ['reject', RejectReason, number];

class Recorder implements PointHandler {
  events: Event[] = [];
  point(name: string, value: number, timestamp: number): void {
    this.events.push(['point', name, value, timestamp]);
  }
  reject(reason: RejectReason, _text: string, position: number): void {
    this.events.push(['reject', reason, position]);
  }
}

function parse(chunks: Array<string | Buffer>, maxLineBytes = 1024): Event[] {
  const r = new Recorder();
  const p = new PlaintextParser(r, maxLineBytes);
  for (const c of chunks) p.push(typeof c === 'string' ? Buffer.from(c) : c);
  p.end();
  return r.events;
}

test('reads path value timestamp lines, tagged names kept raw', () => {
  assert.deepEqual(parse(['a.b.c 1.5 1795316580\n', 'disk.used;host=web01;dc=eu 42 1795316590\n']), [
    ['point', 'a.b.c', 1.5, 1795316580],
    ['point', 'disk.used;host=web01;dc=eu', 42, 1795316590],
  ]);
});

test('CRLF, blank lines, runs of spaces and tabs, leading and trailing whitespace', () => {
  assert.deepEqual(parse(['a 1 10\r\n\r\n\n   \n\t b \t 2\t\t 20 \r\n  c   3   30\n']), [
    ['point', 'a', 1, 10],
    ['point', 'b', 2, 20],
    ['point', 'c', 3, 30],
  ]);
});

test('a missing timestamp or -1 means now (-1); float timestamps are truncated as int() does', () => {
  assert.deepEqual(parse(['a 1\n', 'b 2 -1\n', 'c 3 1795316580.9\n', 'd 4 -1.5\n', 'e 5 1.7953165805e9\n', 'f 6 -0.5\n']), [
    ['point', 'a', 1, -1],
    ['point', 'b', 2, -1],
    ['point', 'c', 3, 1795316580],
    ['point', 'd', 4, -1],
    ['point', 'e', 5, 1795316580],
    ['point', 'f', 6, 0],
  ]);
});

test('values: every form float() takes, nan passed on for the caller to drop', () => {
  const events = parse(['a 1e3 1\nb inf 1\nc -INF 1\nd +5 1\ne .5 1\nf 1_000 1\ng nan 1\nh -0 1\n']);
  assert.deepEqual(events.slice(0, 6), [
    ['point', 'a', 1000, 1],
    ['point', 'b', Infinity, 1],
    ['point', 'c', -Infinity, 1],
    ['point', 'd', 5, 1],
    ['point', 'e', 0.5, 1],
    ['point', 'f', 1000, 1],
  ]);
  assert.deepEqual(events[6].slice(0, 2), ['point', 'g']);
  assert.ok(Number.isNaN(events[6][2]));
  assert.ok(Object.is(events[7][2], -0));
});

test('malformed lines are reported by reason and line number; the lines around them survive', () => {
  const input = [
    'good.one 1 100',
    'onlyname',
    'too many fields 1 2',
    'bad.value abc 100',
    'bad.ts 1 abc',
    'inf.ts 1 inf',
    'nan.ts 1 nan',
    'hex.value 0x10 100',
    'good.two 2 200',
    '',
  ].join('\n');
  assert.deepEqual(parse([input]), [
    ['point', 'good.one', 1, 100],
    ['reject', 'fields', 2],
    ['reject', 'fields', 3],
    ['reject', 'value', 4],
    ['reject', 'timestamp', 5],
    ['reject', 'timestamp', 6],
    ['reject', 'timestamp', 7],
    ['reject', 'value', 8],
    ['point', 'good.two', 2, 200],
  ]);
});

test('UTF-8 names are decoded; names that are not UTF-8 are rejected', () => {
  const bad = Buffer.concat([Buffer.from('bad.'), Buffer.from([0xff, 0xfe]), Buffer.from(' 1 1\n')]);
  assert.deepEqual(parse(['caf\u00e9.\u2603 1 1\n', bad, 'ok 2 2\n']), [
    ['point', 'caf\u00e9.\u2603', 1, 1],
    ['reject', 'encoding', 2],
    ['point', 'ok', 2, 2],
  ]);
});

test('a last line without a newline counts at end(); reset() forgets it', () => {
  assert.deepEqual(parse(['a 1 1\nb 2 2']), [
    ['point', 'a', 1, 1],
    ['point', 'b', 2, 2],
  ]);
  const r = new Recorder();
  const p = new PlaintextParser(r, 100);
  p.push(Buffer.from('a 1 1\nb 2'));
  p.reset();
  p.end();
  assert.deepEqual(r.events, [['point', 'a', 1, 1]]);
});

test('an overlong line is rejected once, wherever it falls, and memory stays bounded', () => {
  const max = 64;
  const long = `${'x'.repeat(200)} 1 1`;
  // whole in one read
  assert.deepEqual(parse([`a 1 1\n${long}\nb 2 2\n`], max), [
    ['point', 'a', 1, 1],
    ['reject', 'too_long', 2],
    ['point', 'b', 2, 2],
  ]);
  // fed byte by byte: the parser never holds more than max bytes of it
  const r = new Recorder();
  const p = new PlaintextParser(r, max);
  const stream = Buffer.from(`a 1 1\n${long}\nb 2 2\n${'y'.repeat(10_000)}`);
  let largest = 0;
  for (let i = 0; i < stream.length; i++) {
    p.push(stream.subarray(i, i + 1));
    largest = Math.max(largest, (p as unknown as { partial: Buffer | null }).partial?.length ?? 0);
  }
  p.end();
  assert.ok(largest <= max, `held ${largest} bytes`);
  assert.deepEqual(r.events, [
    ['point', 'a', 1, 1],
    ['reject', 'too_long', 2],
    ['point', 'b', 2, 2],
    ['reject', 'too_long', 4],
  ]);
  // a line of exactly max bytes is fine, one more is not
  const exact = `n ${'1'.repeat(max - 4)} 1`;
  assert.equal(exact.length, max);
  assert.deepEqual(parse([`${exact}\n${exact}1\n`], max).map((e) => e[0] + (e[0] === 'reject' ? e[1] : '')), ['point', 'rejecttoo_long']);
});

/** a stream of good, bad, blank, CRLF and tagged lines */
const lineArb = fc.oneof(
  fc.tuple(fc.constantFrom('a.b.c', 'servers.web01.cpu.user', 'x;k=v;k2=v2', 'caf\u00e9'), fc.double({ noNaN: true }), fc.integer({ min: -2, max: 2e9 }), fc.constantFrom(' ', '  ', '\t', ' \t ')).map(
    ([n, v, t, sep]) => `${n}${sep}${v}${sep}${t}`,
  ),
  fc.constantFrom('', '   ', 'garbage', 'a b c d', 'bad.value x 1', 'bad.ts 1 y', 'no.ts 5', 'z 1 2\r'),
);

test('property: any split of a stream into reads gives the same events as one read', () => {
  fc.assert(
    fc.property(fc.array(lineArb, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 20 }), (lines, cuts) => {
      const stream = Buffer.from(lines.join('\n') + '\n');
      const whole = parse([stream], 64);
      const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
      const pieces: Buffer[] = [];
      let prev = 0;
      for (const c of [...points, stream.length]) {
        pieces.push(stream.subarray(prev, c));
        prev = c;
      }
      assert.deepEqual(parse(pieces, 64), whole);
    }),
    { numRuns: 500, seed: 3 },
  );
});

test('compat: accepts and reads exactly the lines carbon does (besides a missing timestamp meaning now)', () => {
  const lines = fc.sample(
    fc.array(fc.constantFrom('a.b', 'x;t=1', ' ', '\t', '1', '-1', '2.5', '1e3', 'inf', 'nan', '_', '.', 'e', '+', 'foo', '1795316580', '0x1', '\r'), { minLength: 1, maxLength: 7 }).map((a) => a.join('')),
    { numRuns: 2000, seed: 5 },
  );
  // carbon 1.1's MetricLineReceiver.lineReceived and metricReceived, as a reference
  const script = `
import json, sys, math
out = []
for line in json.load(sys.stdin):
    try:
        fields = line.strip().split()
        if len(fields) == 2: fields.append('-1')
        metric, value, timestamp = fields
        datapoint = (float(timestamp), float(value))
        ts = int(datapoint[0])
        if ts == -1: ts = -1
        v = datapoint[1]
        out.append(['point', metric, 'nan' if v != v else repr(v), ts])
    except (ValueError, OverflowError):
        out.append(None)
print(json.dumps(out))`;
  const expected = JSON.parse(runPython(script, JSON.stringify(lines)).toString()) as Array<[string, string, string, number] | null>;
  lines.forEach((line, i) => {
    const got = parse([`${line}\n`]);
    const want = expected[i];
    if (want === null) {
      assert.ok(got.length === 0 || got[0][0] === 'reject', `carbon rejects ${JSON.stringify(line)}, got ${JSON.stringify(got)}`);
      assert.ok(got.length === 1 || line.trim() === '', `one rejection for ${JSON.stringify(line)}`);
    } else {
      const [, name, value, ts] = want;
      assert.equal(got.length, 1, JSON.stringify(line));
      const [kind, gotName, gotValue, gotTs] = got[0] as ['point', string, number, number];
      assert.equal(kind, 'point', JSON.stringify(line));
      assert.equal(gotName, name);
      if (value === 'nan') assert.ok(Number.isNaN(gotValue));
      else assert.equal(gotValue, value === 'inf' ? Infinity : value === '-inf' ? -Infinity : Number(value));
      assert.equal(gotTs, ts);
    }
  });
});
