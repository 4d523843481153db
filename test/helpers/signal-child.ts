import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ChildRun {
  /** every number the child reported, one per line, in order */
  readonly reports: number[];
  /** the last of them (-1 when none) */
  readonly last: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * Runs a TypeScript child (`node --import tsx script ...args`) that prints a number per line as
 * it acknowledges work, and sends it `signal` once it has reported `after` and `ready()` holds
 * (checked at each report; a child that prints `done` gets the signal whatever `ready` says, so
 * that the test fails on its assertions rather than hanging). Resolves on 'close', not 'exit':
 * by then every line the child got out has been read.
 */
export function runChildUntil(script: URL, args: readonly string[], after: number, signal: NodeJS.Signals, ready: () => boolean = () => true): Promise<ChildRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const reports: number[] = [];
  let sent = false;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (/^\d+$/.test(line)) reports.push(Number(line));
    const due = reports.length > 0 && reports[reports.length - 1] >= after && ready();
    if (!sent && (due || line === 'done')) {
      sent = true;
      child.kill(signal);
    }
  });
  return new Promise((resolve) => {
    child.on('close', (code, sig) => resolve({ reports, last: reports.length > 0 ? reports[reports.length - 1] : -1, code, signal: sig }));
  });
}
