import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readArchivePoints, readWhisperHeader, WhisperFormatError } from '../../src/whisper/whisper-file.js';
import { shortestFloat32Decimal } from '../../src/whisper/whisper-series.js';
import { makeTree, NOW } from '../fixtures/whisper-import/tree.js';

// Our whisper reader against whisper.py itself, on the import goldens' tree: the header as
// whisper.info() reads it, and each archive's points as whisper.fetch() answers when asked
// for that archive's whole span.

let work: string;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'carbyne-whisper-file-'));
  makeTree(work);
});
after(() => rmSync(work, { recursive: true, force: true }));

const FILES = ['imp/sine/avg.wsp', 'imp/walk/last.wsp', 'imp/rand/max.wsp', 'imp/gappy.wsp', 'imp/avgzero.wsp', 'hist/wrapped/avg.wsp', 'hist/wrapped/max.wsp', 'hist/single/last.wsp'];

interface WhisperSays {
  info: { aggregationMethod: string; maxRetention: number; xFilesFactor: number; archives: Array<{ offset: number; secondsPerPoint: number; points: number; retention: number }> };
  /** per archive: [time, value] of every non-None point fetch returns over the archive's span */
  points: Array<Array<[number, number]>>;
}

function whisperSays(file: string): WhisperSays {
  const code = `
import json, sys, whisper
f, now = sys.argv[1], int(sys.argv[2])
info = whisper.info(f)
points = []
for a in info['archives']:
    (start, end, step), values = whisper.fetch(f, now - a['retention'], now, now=now, archiveToSelect=a['secondsPerPoint'])
    points.append([[start + i * step, v] for i, v in enumerate(values) if v is not None])
print(json.dumps({'info': info, 'points': points}))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', code, file, String(NOW)], { encoding: 'utf8' })) as WhisperSays;
}

test('headers and every archive\'s points read as whisper.py reads them', () => {
  for (const rel of FILES) {
    const file = readFileSync(join(work, rel));
    const says = whisperSays(join(work, rel));
    const header = readWhisperHeader(file);
    assert.equal(header.aggregationMethod, says.info.aggregationMethod, rel);
    assert.equal(header.maxRetention, says.info.maxRetention, rel);
    assert.equal(header.xFilesFactor, says.info.xFilesFactor, rel);
    assert.deepEqual(
      header.archives.map((a) => [a.offset, a.secondsPerPoint, a.points, a.retention]),
      says.info.archives.map((a) => [a.offset, a.secondsPerPoint, a.points, a.retention]),
      rel,
    );
    header.archives.forEach((a, k) => {
      const got = readArchivePoints(file, a, NOW);
      assert.equal(got.step, a.secondsPerPoint);
      // whisper's fetch stops at now; our reader also keeps points after it (none here)
      assert.deepEqual(
        Array.from(got.times, (t, i) => [t, got.values[i]]),
        says.points[k],
        `${rel} archive ${k}`,
      );
    });
  }
});

test('a wrapped ring\'s slots of an earlier turn are not read', () => {
  const file = readFileSync(join(work, 'hist/wrapped/avg.wsp'));
  const [fine] = readWhisperHeader(file).archives;
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let stale = 0;
  for (let k = 0; k < fine.points; k++) if (view.getUint32(fine.offset + k * 12) <= NOW - fine.retention) stale++;
  assert.ok(stale > 20, `${stale} stale slots`);
  assert.equal(readArchivePoints(file, fine, NOW).times.length + stale <= fine.points, true);
  assert.ok(Array.from(readArchivePoints(file, fine, NOW).times).every((t) => t > NOW - fine.retention));
});

test('files whisper could not read are refused with the reason', () => {
  const good = readFileSync(join(work, 'imp/sine/avg.wsp'));
  const patched = (at: number, bytes: number[]) => {
    const copy = Buffer.from(good);
    Buffer.from(bytes).copy(copy, at);
    return copy;
  };
  const cases: Array<[Buffer, RegExp]> = [
    [good.subarray(0, 10), /too short for a whisper header/],
    [good.subarray(0, 30), /too short for 3 archive headers/],
    [good.subarray(0, good.length - 1), /lies outside the file/],
    [patched(0, [0, 0, 0, 9]), /unknown aggregation type 9/],
    [patched(8, [0x40, 0, 0, 0]), /xFilesFactor 2 is not between 0 and 1/],
    [patched(12, [0, 0, 0, 0]), /no archive/],
    [patched(20, [0, 0, 0, 0]), /archive 0 has 0 seconds per point/],
  ];
  for (const [file, message] of cases) assert.throws(() => readWhisperHeader(file), (err: Error) => err instanceof WhisperFormatError && message.test(err.message), String(message));
});

test('a stored xFilesFactor becomes the shortest decimal of the same 32-bit float', () => {
  for (const x of [0, 0.5, 0.6, 0.3, 0.1, 1, 0.333, 0.99]) assert.equal(shortestFloat32Decimal(Math.fround(x)), x);
});
