import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { unpack } from 'msgpackr';
import { type CaseNode, caseFloat, WRITER_CASES } from '../helpers/writer-cases.js';
import { MsgpackWriter } from '../../src/lib/msgpack-writer.js';

const golden = JSON.parse(readFileSync('test/fixtures/msgpack/cases.json', 'utf8')) as Record<string, string>;

function write(w: MsgpackWriter, node: CaseNode): void {
  if (!('t' in node)) {
    const [kind, n, start, step] = node.range;
    w.array(n);
    for (let i = 0; i < n; i++) {
      const x = start + i * step;
      if (kind === 'int') w.int(x);
      else if (kind === 'float') w.float(x);
      else w.str(`v${x}`);
    }
    return;
  }
  switch (node.t) {
    case 'none':
      w.nil();
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
    case 'tuple':
      w.array(node.v.length);
      for (const x of node.v) write(w, x);
      return;
    case 'dict':
      if (node.range) {
        w.map(node.range[0]);
        for (let i = 0; i < node.range[0]; i++) w.str(`k${i}`).int(i);
        return;
      }
      w.map(node.v!.length);
      for (const [k, v] of node.v!) {
        write(w, k);
        write(w, v);
      }
      return;
  }
}

test("values pack byte for byte as graphite-web's packer packs them", () => {
  assert.deepEqual(Object.keys(golden).sort(), Object.keys(WRITER_CASES).sort());
  for (const [name, node] of Object.entries(WRITER_CASES)) {
    const w = new MsgpackWriter(64);
    write(w, node);
    const hex = w.finish().toString('hex');
    if (hex !== golden[name]) assert.fail(`${name}: ${hex.slice(0, 80)} != ${golden[name].slice(0, 80)}`);
  }
});

test('string headers are exact at every size boundary, for ASCII and multi-byte text', () => {
  for (const unit of ['a', 'é', '測', '😀']) {
    for (const n of [0, 1, 10, 11, 31, 32, 85, 86, 255, 256, 21845, 21846, 65535, 65536]) {
      const s = unit.repeat(Math.ceil(n / Buffer.byteLength(unit)));
      const bytes = new MsgpackWriter(16).str(s).finish();
      assert.equal(unpack(bytes), s, `${unit} x ${n}`);
      const len = Buffer.byteLength(s);
      const header = len <= 31 ? 1 : len <= 0xff ? 2 : len <= 0xffff ? 3 : 5;
      assert.equal(bytes.length, header + len, `${unit} x ${n}: smallest header`);
    }
  }
});

test('integral floats stay floats (0xcb), where msgpackr would pack an int', () => {
  const bytes = new MsgpackWriter().array(2).float(5).floatOrNil(NaN).finish();
  assert.equal(bytes.toString('hex'), '92cb4014000000000000c0');
});

test('containers larger than 16 bits use 32-bit headers', () => {
  const w = new MsgpackWriter(16).array(70000);
  for (let i = 0; i < 70000; i++) w.int(i % 100);
  const decoded = unpack(w.finish()) as number[];
  assert.equal(decoded.length, 70000);
  assert.equal(decoded[69999], 99);
});
