// Run by write-whole.test.ts: writes argv[3] numbered lines to stdout, with a plain writeSync
// (argv[2] = plain) or with writeWholeSync (argv[2] = whole, saying "full" on stderr the first
// time the pipe is full), then exits 0.
import { writeSync } from 'node:fs';
import { writeWholeSync } from './write-whole.js';

// what tsx does on start-up (a colour check) and any library might: Node wraps fd 1 in a
// stream, and libuv makes the pipe under it non-blocking
void process.stdout.isTTY;

const whole = process.argv[2] === 'whole';
const count = Number(process.argv[3]);
const filler = '.'.repeat(32);
let saidFull = false;
const onFull = () => {
  if (!saidFull) writeSync(2, 'full\n');
  saidFull = true;
};
for (let i = 0; i < count; i++) {
  const line = `${i} ${filler}\n`;
  if (whole) writeWholeSync(1, line, onFull);
  else writeSync(1, line);
}
