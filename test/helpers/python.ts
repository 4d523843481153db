import { execFileSync } from 'node:child_process';

/** Debian's Python 3 (the one on PATH may not see Debian's packages; the standard library is all these tests need) */
export const PYTHON = '/usr/bin/python3';

/** Runs a Python script with `input` on stdin and returns its stdout. */
export function runPython(script: string, input: string | Buffer = '', args: string[] = []): Buffer {
  return execFileSync(PYTHON, ['-c', script, ...args], { input, maxBuffer: 1 << 28 });
}
