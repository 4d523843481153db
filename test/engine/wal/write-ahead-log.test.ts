import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { segmentPath } from '../../../src/engine/wal/segment-files.js';
import { WriteAheadLog, type WriteAheadLogOptions } from '../../../src/engine/wal/write-ahead-log.js';
import { checkNumberedRecord, numberedRecord } from './records.js';
import { runChildUntil } from '../../helpers/signal-child.js';

const small: WriteAheadLogOptions = { segmentBytes: 64 * 1024, fsyncIntervalMs: 50 };

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'carbyne-wal-'));
}

function replayAll(dir: string, opts = small) {
  const wal = WriteAheadLog.open(dir, opts);
  const seen: Array<{ i: number; segment: number }> = [];
  const summary = wal.replay((payload, segment) => seen.push({ i: checkNumberedRecord(payload), segment }));
  return { wal, seen, summary };
}

function walFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.wal')).sort();
}

function bytesOnDisk(dir: string): number {
  return walFiles(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

test('appends replay in order across rotations and reopens', () => {
  const dir = tempDir();
  try {
    let wal = WriteAheadLog.open(dir, small);
    assert.equal(wal.currentSegment, 1);
    const where: number[] = [];
    for (let i = 0; i < 60; i++) where.push(wal.append(numberedRecord(i)));
    assert.ok(where.at(-1)! > 3, 'crossed several segments');
    for (let i = 1; i < where.length; i++) assert.ok(where[i] >= where[i - 1]);
    assert.equal(wal.sizeBytes(), bytesOnDisk(dir));
    wal.close();

    let r = replayAll(dir);
    assert.deepEqual(r.seen, where.map((segment, i) => ({ i, segment })));
    assert.deepEqual(r.summary, { records: 60, segments: where.at(-1)!, corruptTails: 0 });
    assert.equal(r.wal.currentSegment, where.at(-1)! + 1, 'a reopened log starts a new segment');
    for (let i = 60; i < 70; i++) r.wal.append(numberedRecord(i));
    r.wal.close();

    r = replayAll(dir);
    assert.deepEqual(r.seen.map((s) => s.i), Array.from({ length: 70 }, (_, i) => i));
    assert.equal(r.summary.corruptTails, 0);
    r.wal.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('segments stay within segmentBytes unless one record is larger', () => {
  const dir = tempDir();
  try {
    const wal = WriteAheadLog.open(dir, { segmentBytes: 10_000, fsyncIntervalMs: 0 });
    const sizes = [3000, 3000, 3000, 3000, 25_000, 10, 9974, 1];
    const segs = sizes.map((n) => wal.append(Buffer.alloc(n, 7)));
    // framed sizes are n + 8: three of 3008 fit in 10 000, the 4th starts segment 2; the big one
    // is alone in 3; 18 + 9982 fill segment 4 exactly; the last starts segment 5
    assert.deepEqual(segs, [1, 1, 1, 2, 3, 4, 4, 5]);
    wal.close();
    const files = walFiles(dir).map((f) => statSync(join(dir, f)).size);
    assert.deepEqual(files, [9024, 3008, 25_008, 10_000, 9]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rotate() starts a new segment at once; close() drops an empty one', () => {
  const dir = tempDir();
  try {
    const wal = WriteAheadLog.open(dir, small);
    wal.append(numberedRecord(0));
    assert.equal(wal.rotate(), 2);
    assert.equal(wal.append(numberedRecord(1)), 2);
    assert.equal(wal.rotate(), 3);
    wal.close();
    assert.deepEqual(walFiles(dir), [segmentPath(dir, 1), segmentPath(dir, 2)].map((p) => p.slice(dir.length + 1)));
    const r = replayAll(dir);
    assert.deepEqual(r.seen, [{ i: 0, segment: 1 }, { i: 1, segment: 2 }]);
    r.wal.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a torn tail is detected, counted, truncated, and every record before it replayed', () => {
  const dir = tempDir();
  try {
    const wal = WriteAheadLog.open(dir, small);
    const where: number[] = [];
    for (let i = 0; i < 20; i++) where.push(wal.append(numberedRecord(i)));
    wal.close();
    const last = segmentPath(dir, where.at(-1)!);
    const full = statSync(last).size;
    const lastRecordBytes = 8 + numberedRecord(19).length;
    truncateSync(last, full - Math.floor(lastRecordBytes / 2));

    let r = replayAll(dir);
    assert.deepEqual(r.seen.map((s) => s.i), Array.from({ length: 19 }, (_, i) => i));
    assert.equal(r.summary.corruptTails, 1);
    assert.equal(r.summary.records, 19);
    assert.equal(statSync(last).size, full - lastRecordBytes, 'cut back to the last good record');
    r.wal.close();

    r = replayAll(dir);
    assert.equal(r.summary.corruptTails, 0, 'nothing left to repair');
    assert.equal(r.summary.records, 19);
    r.wal.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a log killed at any byte of its last append, or right after a rotation, replays exactly its whole records', () => {
  // the states a SIGKILL can leave (a write(2) cut short is a prefix of the record), built byte
  // by byte: every whole record replays, a valid last record is never cut, and the log goes on
  // small records (numbers whose filler is short), so every cut of the last one is tried
  const ids = [0, 1185, 197];
  const [whole, last] = [ids.slice(0, 2).map(numberedRecord), numberedRecord(ids[2])];
  const frame = (p: Buffer) => {
    const header = Buffer.alloc(8);
    header.writeUInt32LE(p.length, 0);
    header.writeUInt32LE(crc32(p), 4);
    return Buffer.concat([header, p]);
  };
  const good = Buffer.concat(whole.map(frame));
  const lastFrame = frame(last);
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  for (const rotatedBeforeDeath of [false, true]) {
    for (let cut = 0; cut <= lastFrame.length; cut++) {
      const dir = tempDir();
      try {
        writeFileSync(segmentPath(dir, 1), Buffer.concat([good, lastFrame.subarray(0, cut)]));
        if (rotatedBeforeDeath) writeFileSync(segmentPath(dir, 2), Buffer.alloc(0));
        writeFileSync(join(dir, 'LOCK'), `${dead}\n`);
        const kept = cut === lastFrame.length ? 3 : 2;
        const torn = cut > 0 && cut < lastFrame.length ? 1 : 0;
        const at = `cut ${cut}, rotated ${rotatedBeforeDeath}`;

        let r = replayAll(dir);
        assert.deepEqual(r.seen.map((s) => s.i), ids.slice(0, kept), at);
        assert.equal(r.summary.corruptTails, torn, at);
        assert.equal(statSync(segmentPath(dir, 1)).size, good.length + (kept === 3 ? lastFrame.length : 0), at);
        assert.equal(r.wal.append(numberedRecord(691)), rotatedBeforeDeath ? 3 : 2, at);
        r.wal.close();

        r = replayAll(dir);
        assert.deepEqual(r.seen.map((s) => s.i), [...ids.slice(0, kept), 691], at);
        assert.equal(r.summary.corruptTails, 0, at);
        r.wal.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
});

test('a corrupt checksum ends its segment; later segments still replay', () => {
  const dir = tempDir();
  try {
    const wal = WriteAheadLog.open(dir, small);
    const where: number[] = [];
    for (let i = 0; i < 30; i++) where.push(wal.append(numberedRecord(i)));
    wal.close();
    // flip one payload byte of the third record of segment 1
    const first = segmentPath(dir, 1);
    const bytes = readFileSync(first);
    let offset = 0;
    for (let k = 0; k < 2; k++) offset += 8 + bytes.readUInt32LE(offset);
    bytes[offset + 8 + 2] ^= 0x40;
    writeFileSync(first, bytes);
    const inFirst = where.filter((s) => s === 1).length;
    assert.ok(inFirst > 3);

    const r = replayAll(dir);
    const expected = where.map((segment, i) => ({ i, segment })).filter(({ i, segment }) => segment !== 1 || i < 2);
    assert.deepEqual(r.seen, expected);
    assert.equal(r.summary.corruptTails, 1);
    assert.equal(statSync(first).size, offset);
    r.wal.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('truncateBefore deletes older segments only, never the current one', () => {
  const dir = tempDir();
  try {
    const wal = WriteAheadLog.open(dir, small);
    for (let i = 0; i < 40; i++) wal.append(numberedRecord(i));
    const current = wal.currentSegment;
    assert.ok(current >= 5);
    assert.equal(wal.truncateBefore(3), 2);
    assert.equal(walFiles(dir).length, current - 2);
    assert.equal(wal.sizeBytes(), bytesOnDisk(dir));
    assert.equal(wal.truncateBefore(3), 0, 'idempotent');
    assert.equal(wal.truncateBefore(current + 10), current - 3);
    assert.deepEqual(walFiles(dir), [segmentPath(dir, current).slice(dir.length + 1)]);
    assert.equal(wal.sizeBytes(), bytesOnDisk(dir));
    wal.append(numberedRecord(40));
    wal.close();
    const r = replayAll(dir);
    const firstInCurrent = r.seen[0].i;
    assert.deepEqual(r.seen.map((s) => s.i), Array.from({ length: 41 - firstInCurrent }, (_, k) => firstInCurrent + k));
    assert.ok(r.seen.every((s) => s.segment === current));
    r.wal.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('segments truncated before replay are not replayed', () => {
  const dir = tempDir();
  try {
    let wal = WriteAheadLog.open(dir, small);
    wal.append(numberedRecord(0));
    wal.rotate();
    wal.append(numberedRecord(1));
    wal.close();
    wal = WriteAheadLog.open(dir, small);
    assert.equal(wal.truncateBefore(2), 1);
    const seen: number[] = [];
    assert.deepEqual(wal.replay((p) => seen.push(checkNumberedRecord(p))), { records: 1, segments: 1, corruptTails: 0 });
    assert.deepEqual(seen, [1]);
    wal.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('refuses what it cannot honour, with a message', () => {
  const dir = tempDir();
  try {
    assert.throws(() => WriteAheadLog.open(dir, { segmentBytes: 0, fsyncIntervalMs: 0 }), /segmentBytes/);
    assert.throws(() => WriteAheadLog.open(dir, { segmentBytes: 1024, fsyncIntervalMs: -1 }), /fsyncIntervalMs/);
    const wal = WriteAheadLog.open(dir, { segmentBytes: 1024, fsyncIntervalMs: 0 });
    assert.throws(() => wal.append(new Uint8Array(0)), /empty/);
    // as many passes as the reader needs, until the log changes
    wal.replay(() => {});
    wal.replay(() => {});
    wal.append(numberedRecord(1));
    assert.throws(() => wal.replay(() => {}), /before any append or rotation/);
    wal.close();
    assert.throws(() => wal.append(numberedRecord(2)), /closed/);
    wal.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('one log per directory: a live owner is refused, a dead one taken over', () => {
  const dir = tempDir();
  try {
    const wal = WriteAheadLog.open(dir, small);
    assert.throws(() => WriteAheadLog.open(dir, small), /already open in this process/);
    wal.close();

    // the test runner that started this process is alive and is not us
    writeFileSync(join(dir, 'LOCK'), `${process.ppid}\n`);
    assert.throws(() => WriteAheadLog.open(dir, small), new RegExp(`in use by process ${process.ppid}`));

    const dead = spawnSync(process.execPath, ['-e', '']);
    writeFileSync(join(dir, 'LOCK'), `${dead.pid}\n`);
    const again = WriteAheadLog.open(dir, small);
    assert.equal(readFileSync(join(dir, 'LOCK'), 'utf8'), `${process.pid}\n`);
    again.close();
    assert.deepEqual(readdirSync(dir), [], 'close removes the lock and the empty segment');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the periodic fsync does not keep a process alive, and what it appended is kept', () => {
  const dir = tempDir();
  try {
    const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./idle-child.ts', import.meta.url)), dir], { timeout: 60_000 });
    assert.equal(run.signal, null, 'exited by itself');
    assert.equal(run.status, 0, String(run.stderr));
    const wal = WriteAheadLog.open(dir, small);
    const seen: string[] = [];
    wal.replay((p) => seen.push(Buffer.from(p).toString()));
    assert.deepEqual(seen, ['still here']);
    wal.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every append reported before a SIGKILL is replayed', async () => {
  const dir = tempDir();
  try {
    const killAt = 3000;
    const run = await runChildUntil(new URL('./crash-child.ts', import.meta.url), [dir, String(256 * 1024), '100000000'], killAt, 'SIGKILL');
    assert.equal(run.signal, 'SIGKILL', 'the child was killed, not finished');
    assert.deepEqual(run.reports, Array.from({ length: run.reports.length }, (_, i) => i), 'the child reports appends in order');
    const reported = run.last;
    assert.ok(reported >= killAt);

    const r = replayAll(dir);
    // every reported record, in order, intact; perhaps a few more whose report never got out
    assert.ok(r.seen.length >= reported + 1, `replayed ${r.seen.length}, reported ${reported + 1}`);
    assert.deepEqual(r.seen.map((s) => s.i), Array.from({ length: r.seen.length }, (_, i) => i));
    assert.ok(r.summary.segments > 1, 'the child crossed segments');
    assert.ok(r.summary.corruptTails <= 1);
    r.wal.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a clean close leaves a sidecar for the next open only, and only while the segments are as it left them', () => {
  const dir = tempDir();
  try {
    let wal = WriteAheadLog.open(dir, small);
    wal.append(numberedRecord(1));
    wal.close(Buffer.from('checkpoint-1'));
    wal = WriteAheadLog.open(dir, small);
    assert.equal(Buffer.from(wal.takeSidecar()!).toString(), 'checkpoint-1');
    assert.equal(wal.takeSidecar(), null, 'given once');
    wal.append(numberedRecord(2));
    wal.close();
    // a close without one (or a crash) leaves none
    wal = WriteAheadLog.open(dir, small);
    assert.equal(wal.takeSidecar(), null);
    wal.close(Buffer.from('checkpoint-2'));
    // the segments changed behind its back (one removed): it no longer describes the log
    const segments = walFiles(dir);
    rmSync(join(dir, segments[0]));
    wal = WriteAheadLog.open(dir, small);
    assert.equal(wal.takeSidecar(), null);
    wal.close(Buffer.from('checkpoint-3'));
    // a damaged one is not given
    const path = join(dir, 'sidecar');
    const bytes = readFileSync(path);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(path, bytes);
    wal = WriteAheadLog.open(dir, small);
    assert.equal(wal.takeSidecar(), null);
    wal.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
