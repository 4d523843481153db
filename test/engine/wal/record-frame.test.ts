import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { FRAME_HEADER_BYTES, scanFrames, writeFrameHeader } from '../../../src/engine/wal/record-frame.js';

function frame(payload: Uint8Array): Buffer {
  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  writeFrameHeader(header, payload);
  return Buffer.concat([header, payload]);
}

function scanAll(bytes: Uint8Array) {
  const payloads: string[] = [];
  const scan = scanFrames(bytes, (p) => payloads.push(Buffer.from(p).toString()));
  return { ...scan, payloads };
}

test('a frame is length, crc32 of the payload, payload', () => {
  const f = frame(Buffer.from('hello'));
  assert.equal(f.readUInt32LE(0), 5);
  assert.equal(f.readUInt32LE(4), crc32(Buffer.from('hello')));
  assert.equal(f.subarray(8).toString(), 'hello');
});

test('scans every record of a clean segment', () => {
  const bytes = Buffer.concat(['a', 'bb', 'c'.repeat(70000)].map((s) => frame(Buffer.from(s))));
  const scan = scanAll(bytes);
  assert.equal(scan.problem, undefined);
  assert.equal(scan.records, 3);
  assert.equal(scan.validBytes, bytes.length);
  assert.deepEqual(scan.payloads, ['a', 'bb', 'c'.repeat(70000)]);
  assert.deepEqual(scanAll(Buffer.alloc(0)), { records: 0, validBytes: 0, payloads: [] });
});

test('stops at a record cut anywhere, keeping the ones before', () => {
  const good = Buffer.concat([frame(Buffer.from('first')), frame(Buffer.from('second'))]);
  const last = frame(Buffer.from('third record'));
  for (let cut = 1; cut < last.length; cut++) {
    const scan = scanAll(Buffer.concat([good, last.subarray(0, cut)]));
    assert.deepEqual(scan.payloads, ['first', 'second'], `cut at ${cut}`);
    assert.equal(scan.validBytes, good.length);
    assert.match(scan.problem ?? '', /cut short/);
  }
});

test('stops at a checksum mismatch and at a zero-filled tail', () => {
  const good = frame(Buffer.from('ok'));
  const bad = frame(Buffer.from('flipped'));
  bad[FRAME_HEADER_BYTES + 3] ^= 0x01;
  const after = frame(Buffer.from('never seen'));
  const scan = scanAll(Buffer.concat([good, bad, after]));
  assert.deepEqual(scan.payloads, ['ok']);
  assert.equal(scan.validBytes, good.length);
  assert.match(scan.problem ?? '', /checksum/);

  const zeros = scanAll(Buffer.concat([good, Buffer.alloc(4096)]));
  assert.deepEqual(zeros.payloads, ['ok']);
  assert.equal(zeros.validBytes, good.length);
  assert.match(zeros.problem ?? '', /length 0/);
});
