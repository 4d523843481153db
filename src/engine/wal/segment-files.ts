import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const SEGMENT_FILE = /^(\d+)\.wal$/;
const DIGITS = 10;

export function segmentPath(dir: string, segment: number): string {
  return join(dir, `${String(segment).padStart(DIGITS, '0')}.wal`);
}

/** Segment numbers present in `dir`, ascending. */
export function listSegments(dir: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync(dir)) {
    const m = SEGMENT_FILE.exec(name);
    if (m) out.push(Number(m[1]));
  }
  return out.sort((a, b) => a - b);
}

/** Makes a file's creation or removal in `dir` durable (the file's own fsync does not cover its name). */
export function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
