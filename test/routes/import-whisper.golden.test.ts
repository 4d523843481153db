import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOfflineImport } from '../../src/app/offline-import.js';
import { validateConfig } from '../../src/config/load.js';
import { ManualClock } from '../../src/lib/clock.js';
import { ImportCheckpoint } from '../../src/whisper/checkpoint.js';
import { importTree, type ImportSummary, type ImportTarget } from '../../src/whisper/tree-import.js';
import { serverTarget } from '../../src/cli/import-whisper/server-target.js';
import { startTestApp } from '../helpers/app.js';
import { readCaptureIndex, replayCaptured } from '../helpers/render-compare.js';
import { makeTree, NOW, SKIPPED, treeHashes } from '../fixtures/whisper-import/tree.js';

/**
 * A carbon whisper tree imported into carbyne answers every render as graphite-web 1.1.8 over
 * the same files does (test/fixtures/whisper-import: several retentions and aggregation
 * methods, xFilesFactors, nulls, gaps, wrapped rings, tagged series; capture.ts made the tree
 * and captured the answers): ranges that select each archive, after an import through a running
 * server (read right away, after a flush of everything, after a restart), and after an import
 * into a data directory no server holds.
 */
const DIR = 'test/fixtures/whisper-import';
const index = readCaptureIndex(DIR) as ReturnType<typeof readCaptureIndex> & { files: Record<string, string> };
const names = Object.keys(index.requests);

let work: string;
let tree: string;

before(() => {
  assert.equal(index.now, NOW);
  work = mkdtempSync(join(tmpdir(), 'carbyne-import-golden-'));
  tree = join(work, 'tree');
  makeTree(tree);
  assert.deepEqual(treeHashes(tree), index.files, 'the tree made here is the one graphite-web answered over');
  // a file cut short: not a whisper file any more
  mkdirSync(join(tree, 'imp', 'broken'), { recursive: true });
  writeFileSync(join(tree, 'imp', 'broken', 'cut.wsp'), readFileSync(join(tree, 'imp', 'gappy.wsp')).subarray(0, 60));
  copyFileSync(join(tree, 'imp', 'gappy.wsp'), join(tree, 'imp', 'broken', 'not-whisper.txt'));
});
after(() => rmSync(work, { recursive: true, force: true }));

function run(target: ImportTarget, checkpoint: string): Promise<ImportSummary> {
  const cp = ImportCheckpoint.open(checkpoint, tree);
  return importTree(target, { root: tree, checkpoint: cp, concurrency: 4 }).finally(() => cp.close());
}

/** Every file of the tree imported but the ones that cannot be, each skipped with its reason. */
function assertSummary(s: ImportSummary): void {
  const files = Object.keys(index.files).length + 1;
  assert.equal(s.failed, 0, JSON.stringify([...s.failedWhy]));
  assert.equal(s.done, files);
  assert.equal(s.skipped, SKIPPED.length + 1);
  assert.equal(s.imported, files - SKIPPED.length - 1);
  const skipped = [...s.skippedWhy].flatMap(([reason, rels]) => rels.map((rel) => ({ rel, reason })));
  for (const want of [...SKIPPED, { rel: /^imp\/broken\/cut\.wsp$/, reason: /not a whisper file/ }]) {
    assert.ok(skipped.some((x) => want.rel.test(x.rel) && want.reason.test(x.reason)), `${want.rel} skipped: ${JSON.stringify(skipped)}`);
  }
  assert.ok(s.points > 15_000, `${s.points} points`);
}

async function assertAnswersAsGraphite(url: string, when: string): Promise<void> {
  assert.ok(names.length >= 100);
  assert.deepEqual(await replayCaptured(url, DIR, index, names), [], when);
}

test('imported through a running server, every read answers as graphite-web over the files: right away, flushed, restarted', async () => {
  const clock = new ManualClock(NOW * 1000);
  // the configured rules (carbyne's defaults) differ from every file's schema: the files' win
  const first = await startTestApp({}, clock);
  let app = first;
  try {
    const checkpoint = join(work, 'server.checkpoint');
    assertSummary(await run(serverTarget(app.url), checkpoint));
    await assertAnswersAsGraphite(app.url, 'imported');
    await app.app.storage.engine.flush({ all: true });
    await assertAnswersAsGraphite(app.url, 'flushed');
    await app.close();
    app = await startTestApp({ dataDir: first.dataDir }, clock);
    await assertAnswersAsGraphite(app.url, 'restarted');

    // run again: the checkpoint says every file is settled, nothing is read
    const again = await run(serverTarget(app.url), checkpoint);
    assert.equal(again.earlier, Object.keys(index.files).length + 1);
    assert.equal(again.done, 0);
  } finally {
    await app.destroy();
  }
});

test('imported into a data directory no server holds, a server started on it answers as graphite-web', async () => {
  const clock = new ManualClock(NOW * 1000);
  const dataDir = join(work, 'offline');
  const target = await openOfflineImport(validateConfig({ dataDir, logLevel: 'warn' }), { clock });
  try {
    assertSummary(await run(target, join(work, 'offline.checkpoint')));
  } finally {
    await target.close();
  }
  const app = await startTestApp({ dataDir }, clock);
  try {
    await assertAnswersAsGraphite(app.url, 'offline');
  } finally {
    await app.destroy();
  }
});
