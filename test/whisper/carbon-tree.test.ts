import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { carbonTreeFiles, namePattern } from '../../src/whisper/carbon-tree.js';
import { CheckpointError, ImportCheckpoint } from '../../src/whisper/checkpoint.js';

function withDir(fn: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'carbyne-tree-'));
  return Promise.resolve(fn(dir)).finally(() => rmSync(dir, { recursive: true, force: true }));
}

function touch(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, 'x');
}

/** carbon's file of a tagged series */
function tagged(root: string, name: string, hashOnly = false): string {
  const h = createHash('sha256').update(name).digest('hex');
  return join(root, '_tagged', h.slice(0, 3), h.slice(3, 6), `${hashOnly ? h : name.replaceAll('.', '_DOT_')}.wsp`);
}

test('a tree\'s files come sorted with carbon\'s names; tagged ones decoded; the ones that do not say their name, or sit elsewhere, with why', () =>
  withDir(async (root) => {
    touch(join(root, 'b', 'c.wsp'));
    touch(join(root, 'a', 'x', 'y.wsp'));
    touch(join(root, 'a', 'notes.txt'));
    touch(tagged(root, 'disk.used;dc=eu;host=web01'));
    touch(tagged(root, 'cpu;k=v', true));
    touch(join(root, '_tagged', '000', '000', 'misplaced;k=v.wsp'));
    touch(join(root, '_tagged', 'old.wsp'));
    symlinkSync(join(root, 'a'), join(root, 'b', 'loop'));
    const got = [];
    for await (const f of carbonTreeFiles(root)) got.push('name' in f ? `${f.rel} -> ${f.name}` : `${f.rel} skipped: ${f.skip.slice(0, 40)}`);
    const h = (n: string) => createHash('sha256').update(n).digest('hex');
    const dir = (n: string) => `_tagged/${h(n).slice(0, 3)}/${h(n).slice(3, 6)}`;
    const skip = (rel: string, reason: string) => `${rel} skipped: ${reason.slice(0, 40)}`;
    assert.deepEqual(got, [
      skip('_tagged/000/000/misplaced;k=v.wsp', "not in the folders of its name's hash (a"),
      skip(`${dir('cpu;k=v')}/${h('cpu;k=v')}.wsp`, 'a tagged series stored under its hash (carbon'),
      `${dir('disk.used;dc=eu;host=web01')}/disk_DOT_used;dc=eu;host=web01.wsp -> disk.used;dc=eu;host=web01`,
      '_tagged/old.wsp -> _tagged.old',
      'a/x/y.wsp -> a.x.y',
      'b/c.wsp -> b.c',
      // the link leads to a folder already walked: once only
    ]);
  }));

test('--pattern is a Graphite glob over names; a tagged series matches by its name too', () => {
  const m = namePattern('servers.*.cpu.{user,system}');
  assert.equal(m('servers.web01.cpu.user'), true);
  assert.equal(m('servers.web01.cpu.idle'), false);
  assert.equal(m('servers.web01.cpu.user.more'), false);
  assert.equal(namePattern('apps.**')('apps.api.requests.count'), true);
  assert.equal(namePattern('disk.used')('disk.used;dc=eu'), true);
  assert.equal(namePattern('disk.used;dc=eu')('disk.used;dc=eu'), true);
  assert.equal(namePattern('disk.u?ed')('disk.used;dc=us'), true);
  assert.equal(namePattern('disk.used')('disk.free;dc=eu'), false);
});

test('a checkpoint keeps what was settled across runs, survives a torn last line, and belongs to one tree', () =>
  withDir((dir) => {
    const file = join(dir, 'cp');
    let cp = ImportCheckpoint.open(file, '/data/whisper');
    cp.record('a/b.wsp', 'imported');
    cp.record('tab\there.wsp', 'skipped');
    cp.close();
    appendFileSync(file, 'imported\t"half'); // a crash in the middle of a line
    cp = ImportCheckpoint.open(file, '/data/whisper');
    assert.equal(cp.get('a/b.wsp'), 'imported');
    assert.equal(cp.get('tab\there.wsp'), 'skipped');
    assert.equal(cp.get('half'), undefined);
    assert.equal(cp.size, 2);
    cp.close();
    assert.throws(() => ImportCheckpoint.open(file, '/other/tree'), CheckpointError);
    cp = ImportCheckpoint.open(file, '/other/tree', true);
    assert.equal(cp.size, 0);
    cp.close();
    assert.equal(readFileSync(file, 'utf8'), '# carbyne import-whisper checkpoint of /other/tree\n');
  }));
