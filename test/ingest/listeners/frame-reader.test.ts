import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FrameReader } from '../../../src/ingest/listeners/frame-reader.js';
import { cut } from './sockets.js';

function framed(bodies: Buffer[]): Buffer {
  return Buffer.concat(bodies.flatMap((b) => {
    const h = Buffer.alloc(4);
    h.writeUInt32BE(b.length);
    return [h, b];
  }));
}

test('property: frames come out whole and in order however the stream is cut', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 30 }), (bodies, offsets) => {
      const stream = framed(bodies.map((b) => Buffer.from(b)));
      const reader = new FrameReader(300);
      const out: Buffer[] = [];
      for (const piece of cut(stream, offsets)) assert.equal(reader.push(Buffer.from(piece), (f) => out.push(Buffer.from(f))), -1);
      assert.deepEqual(out.map((b) => b.toString('hex')), bodies.map((b) => Buffer.from(b).toString('hex')));
      assert.equal(reader.pendingBytes, 0);
    }),
    { numRuns: 500, seed: 8 },
  );
});

test('a length over the limit is reported and nothing after it is read; a partial frame is pending', () => {
  const reader = new FrameReader(10);
  const out: Buffer[] = [];
  assert.equal(reader.push(framed([Buffer.from('ok'), Buffer.alloc(11), Buffer.from('never')]), (f) => out.push(f)), 11);
  assert.deepEqual(out.map(String), ['ok']);
  assert.equal(reader.pendingBytes, 0);
  const partial = new FrameReader(10);
  assert.equal(partial.push(framed([Buffer.from('abcdef')]).subarray(0, 7), () => assert.fail('no frame yet')), -1);
  assert.equal(partial.pendingBytes, 7);
});
