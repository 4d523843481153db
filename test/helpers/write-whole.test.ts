import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./flood-child.ts', import.meta.url));
/** ~800 KB of lines: several times what a pipe (a socket pair, ~200 KB by default) and the parent's stream buffer hold */
const LINES = 20_000;

function startFlood(mode: 'plain' | 'whole') {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, String(LINES)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  const full = new Promise<void>((resolve) =>
    child.stderr.on('data', (text: string) => {
      stderr += text;
      if (/^full$/m.test(stderr)) resolve();
    }),
  );
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, full, exited, stderr: () => stderr };
}

async function readLines(stream: NodeJS.ReadableStream): Promise<string[]> {
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  await once(stream, 'end');
  return text.split('\n');
}

// The cause of the crash tests' rare failures under load: their children reported with a plain
// writeSync on a non-blocking stdout, and died of EAGAIN when the parent fell behind reading.
test('a plain writeSync to a full non-blocking stdout dies of EAGAIN', async () => {
  const { exited, stderr } = startFlood('plain');
  // nothing reads the child's stdout, so the pipe fills
  assert.notEqual(await exited, 0);
  assert.match(stderr(), /EAGAIN/);
});

test('writeWholeSync waits for a reader that fell behind, and every line arrives whole and in order', async () => {
  const { child, full, exited } = startFlood('whole');
  // nothing reads until the child has found the pipe full
  await Promise.race([full, exited.then((code) => assert.fail(`the child exited (${code}) before the pipe filled`))]);
  const lines = await readLines(child.stdout);
  assert.equal(await exited, 0);
  assert.equal(lines.pop(), '', 'the last line is complete');
  assert.equal(lines.length, LINES);
  lines.forEach((line, i) => assert.equal(line, `${i} ${'.'.repeat(32)}`));
});
