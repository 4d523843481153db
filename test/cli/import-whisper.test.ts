import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORACLE_DIR } from '../helpers/oracle.js';
import { startTestApp } from '../helpers/app.js';

// `carbyne import-whisper` as a user runs it, on files made now: into a data directory or
// through a server, with its summary, checkpoint, resume after an interruption and --pattern.

const MAIN = 'src/cli/main.ts';
const HOSTS = Array.from({ length: 40 }, (_, i) => `h${String(i).padStart(2, '0')}`);

let work: string;
let tree: string;
let now: number;

before(() => {
  work = mkdtempSync(join(tmpdir(), 'carbyne-cli-import-'));
  tree = join(work, 'tree');
  now = Math.floor(Date.now() / 60_000) * 60;
  const spec = {
    metrics: [
      { path: `cli.{${HOSTS.join(',')}}.cpu`, retention: '10s:1h,60s:1d', aggregation: 'average', xff: 0, generator: { type: 'sine', from: '-1d', step: 10, amplitude: 10, offset: 50, null_probability: 0.1 } },
      { path: 'cli.tagged;dc=eu', retention: '60s:1d', aggregation: 'max', generator: { type: 'random', from: '-1d', step: 60 } },
      { path: 'cli.absmax', retention: '60s:1d', aggregation: 'absmax', generator: { type: 'constant', from: '-1h', value: 1 } },
    ],
  };
  writeFileSync(join(work, 'spec.json'), JSON.stringify(spec));
  execFileSync('/usr/bin/python3', [`${ORACLE_DIR}/make_whisper.py`, join(work, 'spec.json'), tree, '--now', String(now), '--quiet']);
});
after(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `whileRunning` may act on it (signal it) once it has started. */
function carbyne(args: string[], whileRunning?: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: process.cwd(), env: { ...process.env, CARBYNE_LOG_LEVEL: 'warn' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    whileRunning?.(child);
  });
}

/** whisper's own fetch of a file at `now` (values, null for None) */
function whisperFetch(file: string, from: number): Array<number | null> {
  const code = `import whisper, json; print(json.dumps(whisper.fetch(${JSON.stringify(file)}, ${from}, ${now}, now=${now})[1]))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8' })) as Array<number | null>;
}

async function render(url: string, target: string, from: number): Promise<Array<number | null>> {
  const res = await fetch(`${url}/render?target=${encodeURIComponent(target)}&from=${from}&until=${now}&now=${now}&format=json`);
  const [series] = (await res.json()) as Array<{ datapoints: Array<[number | null, number]> }>;
  return series.datapoints.map(([v]) => v);
}

test('into a data directory: a summary of what was imported and skipped, the series read as whisper reads the files, a second run does nothing', async () => {
  const data = join(work, 'data1');
  const checkpoint = join(work, 'one.checkpoint');
  const first = await carbyne(['import-whisper', tree, '--data-dir', data, '--checkpoint', checkpoint]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^done in \d+s: 41 files imported \(\d+ points, [\d.]+k? points\/s\), 1 skipped, 0 failed/);
  assert.match(first.stdout, /1 x aggregation method absmax is not supported\n {6}cli\/absmax\.wsp/);
  assert.match(first.stderr, /files 42\/42 \(100\.0%\)/);

  const app = await startTestApp({ dataDir: data });
  try {
    for (const [target, file] of [
      ['cli.h07.cpu', join(tree, 'cli', 'h07', 'cpu.wsp')],
      ['cli.tagged;dc=eu', join(tree, '_tagged', ...tagPath('cli.tagged;dc=eu'))],
    ]) {
      for (const from of [now - 1800, now - 20 * 3600]) assert.deepEqual(await render(app.url, target, from), whisperFetch(file, from), `${target} from ${from}`);
    }
  } finally {
    await app.close();
  }

  const second = await carbyne(['import-whisper', tree, '--data-dir', data, '--checkpoint', checkpoint]);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /0 files imported/);
  assert.match(second.stdout, /42 files were settled by an earlier run/);
});

test('--pattern imports only the matching series; --restart starts the checkpoint over', async () => {
  const data = join(work, 'data2');
  const checkpoint = join(work, 'two.checkpoint');
  await carbyne(['import-whisper', tree, '--data-dir', data, '--checkpoint', checkpoint, '--pattern', 'cli.h0{1,2}.*']);
  const run = await carbyne(['import-whisper', tree, '--data-dir', data, '--checkpoint', checkpoint, '--restart', '--pattern', 'cli.h1*.cpu']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /10 files imported/);
  assert.match(run.stdout, /32 files left out by --pattern/);
  assert.doesNotMatch(run.stdout, /earlier run/);
  const tagged = await carbyne(['import-whisper', tree, '--data-dir', data, '--checkpoint', checkpoint, '--pattern', 'cli.tagged']);
  assert.match(tagged.stdout, /1 files imported/);
  assert.match(tagged.stdout, /41 files left out by --pattern/);
});

test('interrupted, it stops cleanly and the same command resumes where it stopped', async () => {
  const data = join(work, 'data3');
  const checkpoint = join(work, 'three.checkpoint');
  const stopped = await carbyne(['import-whisper', tree, '--data-dir', data, '--checkpoint', checkpoint, '--concurrency', '1'], (child) => {
    const poll = setInterval(() => {
      if (existsSync(checkpoint) && readFileSync(checkpoint, 'utf8').split('\n').length > 4) {
        clearInterval(poll);
        child.kill('SIGINT');
      }
    }, 5);
  });
  assert.equal(stopped.code, 130, stopped.stderr);
  assert.match(stopped.stdout, /^interrupted .*, \d+ not started/);
  assert.match(stopped.stdout, /run the same command again to resume/);
  const settled = readFileSync(checkpoint, 'utf8').trim().split('\n').length - 1;
  assert.ok(settled >= 3 && settled < 42, `${settled} files settled before the interruption`);

  const resumed = await carbyne(['import-whisper', tree, '--data-dir', data, '--checkpoint', checkpoint]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stdout, new RegExp(`${settled} files were settled by an earlier run`));
  const [, imported, skipped] = /(\d+) files imported .*, (\d+) skipped/.exec(resumed.stdout)!;
  assert.equal(Number(imported) + Number(skipped) + settled, 42);
  assert.equal(readFileSync(checkpoint, 'utf8').trim().split('\n').length - 1, 42);
});

test('a data directory a server holds is refused, pointing at --server; through the server it imports', async () => {
  const app = await startTestApp({});
  try {
    const refused = await carbyne(['import-whisper', tree, '--data-dir', app.dataDir, '--checkpoint', join(work, 'four.checkpoint')]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /in use by process \d+/);
    assert.match(refused.stderr, /--server http:\/\/HOST:PORT/);
    const through = await carbyne(['import-whisper', tree, '--server', app.url, '--checkpoint', join(work, 'four.checkpoint'), '--quiet']);
    assert.equal(through.code, 0, through.stderr);
    assert.match(through.stdout, /41 files imported/);
    assert.deepEqual(await render(app.url, 'cli.h39.cpu', now - 1800), whisperFetch(join(tree, 'cli', 'h39', 'cpu.wsp'), now - 1800));
  } finally {
    await app.destroy();
  }
});

test('usage mistakes exit 2 with the usage', async () => {
  for (const args of [['import-whisper'], ['import-whisper', tree, '--concurrency', '0'], ['import-whisper', tree, '--bogus']]) {
    const run = await carbyne(args);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.stderr, /usage: carbyne import-whisper DIR|--concurrency/);
  }
});

/** carbon's folders of a tagged series */
function tagPath(name: string): string[] {
  const hash = execFileSync('/usr/bin/python3', ['-c', `import hashlib; print(hashlib.sha256(${JSON.stringify(name)}.encode()).hexdigest())`], { encoding: 'utf8' }).trim();
  return [hash.slice(0, 3), hash.slice(3, 6), `${name.replaceAll('.', '_DOT_')}.wsp`];
}
