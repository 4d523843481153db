import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openOfflineImport } from '../src/app/offline-import.js';
import { serverTarget } from '../src/cli/import-whisper/server-target.js';
import { validateConfig } from '../src/config/load.js';
import { ManualClock } from '../src/lib/clock.js';
import { ImportCheckpoint } from '../src/whisper/checkpoint.js';
import { importTree, type ImportSummary, type ImportTarget } from '../src/whisper/tree-import.js';
import { readWhisperSeries } from '../src/whisper/whisper-series.js';
import { startTestApp } from '../test/helpers/app.js';
import { ORACLE_DIR } from '../test/helpers/oracle.js';
import { figure, type Benchmark, type Figure } from './harness.js';

/** the trees' NOW (a multiple of 600 s) and the importing engine's clock */
const NOW = 1795316400;
const RETENTION = '60s:1d,600s:7d';
const METHODS = ['average', 'sum', 'max', 'min', 'last'];
/** files per metric entry of the spec (braces expand them) */
const PER_ENTRY = 100;
const CONCURRENCY = 64;
/** files compared with whisper's own fetch after each import */
const SAMPLES = 12;

/**
 * A tree of `files` whisper files (`60s:1d,600s:7d`, a day of random values at 60 s with 10 %
 * gaps, five methods) made by the oracle's make_whisper.py, kept in .bench/ between runs (it is
 * deterministic: the same NOW and spec give the same files).
 */
function whisperTree(files: number, log: (m: string) => void): string {
  const dir = resolve('.bench', `whisper-import-${files}`);
  const spec = {
    metrics: Array.from({ length: files / PER_ENTRY }, (_, i) => ({
      path: `bench.h${String(i).padStart(3, '0')}.m{${Array.from({ length: PER_ENTRY }, (_, k) => k).join(',')}}`,
      retention: RETENTION,
      aggregation: METHODS[i % METHODS.length],
      xff: 0,
      generator: { type: 'random', from: '-1d', step: 60, null_probability: 0.1 },
    })),
  };
  const text = JSON.stringify(spec);
  const marker = join(dir, '.spec.json');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === text) return join(dir, 'tree');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'spec.json'), text);
  const t0 = performance.now();
  execFileSync('/usr/bin/python3', [`${ORACLE_DIR}/make_whisper.py`, join(dir, 'spec.json'), join(dir, 'tree'), '--now', String(NOW), '--quiet'], { stdio: 'inherit' });
  writeFileSync(marker, text);
  log(`made ${files} whisper files with make_whisper.py in ${((performance.now() - t0) / 1000).toFixed(1)} s (kept in ${dir})`);
  return join(dir, 'tree');
}

/** The points every archive of the tree's files holds for whisper's fetch at NOW. */
function pointsInTree(tree: string, files: number): number {
  let n = 0;
  for (let i = 0; i < files / PER_ENTRY; i++) {
    for (let k = 0; k < PER_ENTRY; k++) n += readWhisperSeries(readFileSync(join(tree, 'bench', `h${String(i).padStart(3, '0')}`, `m${k}.wsp`)), NOW).points;
  }
  return n;
}

async function timedImport(target: ImportTarget, tree: string): Promise<{ summary: ImportSummary; seconds: number }> {
  const work = mkdtempSync(join(tmpdir(), 'carbyne-bench-import-'));
  const checkpoint = ImportCheckpoint.open(join(work, 'checkpoint'), tree);
  try {
    const t0 = performance.now();
    const summary = await importTree(target, { root: tree, checkpoint, concurrency: CONCURRENCY });
    return { summary, seconds: (performance.now() - t0) / 1000 };
  } finally {
    checkpoint.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function check(what: string, s: ImportSummary, files: number, points: number): void {
  if (s.imported !== files || s.failed !== 0 || s.skipped !== 0) throw new Error(`${what}: ${s.imported} of ${files} files imported, ${s.skipped} skipped, ${s.failed} failed: ${JSON.stringify([...s.failedWhy, ...s.skippedWhy].slice(0, 3))}`);
  if (s.points !== points) throw new Error(`${what}: ${s.points} points imported, the files hold ${points}`);
}

/**
 * Reads of sampled series through carbyne's /render equal whisper.fetch over their files, at
 * both archives: the figures come from a correct import.
 */
async function checkReads(url: string, tree: string, files: number): Promise<void> {
  const picks = Array.from({ length: SAMPLES }, (_, j) => Math.floor((j * files) / SAMPLES) + 7);
  const ranges = [NOW - 6 * 3600, NOW - 5 * 86400];
  const code = `
import json, sys, whisper
now, out = int(sys.argv[1]), []
for path in sys.argv[2:]:
    for frm in (${ranges.join(', ')}):
        out.append(whisper.fetch(path, frm, now, now=now)[1])
print(json.dumps(out))
`;
  const names = picks.map((p) => `bench.h${String(Math.floor(p / PER_ENTRY)).padStart(3, '0')}.m${p % PER_ENTRY}`);
  const paths = names.map((n) => join(tree, ...n.split('.')) + '.wsp');
  const expected = JSON.parse(execFileSync('/usr/bin/python3', ['-c', code, String(NOW), ...paths], { encoding: 'utf8' })) as Array<Array<number | null>>;
  let k = 0;
  for (const name of names) {
    for (const from of ranges) {
      const res = await fetch(`${url}/render?target=${name}&from=${from}&until=${NOW}&now=${NOW}&format=json`);
      const got = ((await res.json()) as Array<{ datapoints: Array<[number | null, number]> }>)[0].datapoints.map(([v]) => v);
      if (JSON.stringify(got) !== JSON.stringify(expected[k++])) throw new Error(`${name} from ${from}: carbyne's read differs from whisper.fetch over the file`);
    }
  }
}

export const benchmark: Benchmark = {
  name: 'whisper-import',
  async run({ quick, log }) {
    const files = quick ? 1000 : 10_000;
    const tree = whisperTree(files, log);
    const points = pointsInTree(tree, files);
    const clock = new ManualClock(NOW * 1000);
    const out: Figure[] = [];
    const label = `${files} files (${RETENTION}), ${CONCURRENCY} at a time`;

    const dataDir = mkdtempSync(join(tmpdir(), 'carbyne-bench-import-data-'));
    try {
      const target = await openOfflineImport(validateConfig({ dataDir, logLevel: 'warn', selfMetrics: { enabled: false } }), { clock });
      let offline;
      try {
        offline = await timedImport(target, tree);
      } finally {
        await target.close();
      }
      check('offline', offline.summary, files, points);
      log(`offline: ${files} files, ${points} points in ${offline.seconds.toFixed(2)} s`);
      const app = await startTestApp({ dataDir }, clock);
      try {
        await checkReads(app.url, tree, files);
      } finally {
        await app.close();
      }
      out.push(figure(`offline import (the data directory), ${label}`, points / offline.seconds, 'points/s'), figure(`offline import, ${label}: files`, files / offline.seconds, 'files/s'));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }

    const app = await startTestApp({ selfMetrics: { enabled: false } }, clock);
    try {
      const online = await timedImport(serverTarget(app.url), tree);
      check('through the server', online.summary, files, points);
      log(`through the server: ${files} files, ${points} points in ${online.seconds.toFixed(2)} s`);
      await checkReads(app.url, tree, files);
      out.push(figure(`import through a server (POST /import/whisper/<name>), ${label}`, points / online.seconds, 'points/s'), figure(`import through a server, ${label}: files`, files / online.seconds, 'files/s'));
    } finally {
      await app.destroy();
    }
    return out;
  },
};
