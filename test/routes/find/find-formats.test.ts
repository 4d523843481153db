import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sortByName } from '../../../src/finders/node-order.js';
import { pythonJsonDumps, quoteAscii, quoteUnicode } from '../../../src/lib/python-json.js';
import { treeJson, treeJsonText, nodeList, completer } from '../../../src/routes/find/find-formats.js';

const element = fc.oneof(
  fc.constantFrom('a', 'b', 'cpu', 'user', 'x%41', 'sp+ace', 'caf\u00e9', '\u6e2c', '\ud83d\ude00', 'q"uote', 'back\\slash', '\u007f'),
  fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !s.includes('.')),
);
const nodes = fc.array(
  fc.record({ path: fc.array(element, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.')), isLeaf: fc.boolean() }),
  { maxLength: 30 },
);

test('treeJsonText writes exactly what treeJson serialised by Python-style json.dumps writes', () => {
  fc.assert(
    fc.property(nodes, fc.constantFrom('', 'a.', 'a.*.', 'caf\u00e9.{x,y}.'), fc.boolean(), (list, basePath, wildcards) => {
      const sorted = sortByName(list);
      const value = treeJson(sorted, basePath, wildcards);
      assert.equal(treeJsonText(sorted, basePath, wildcards, quoteAscii), pythonJsonDumps(value));
      assert.equal(treeJsonText(sorted, basePath, wildcards, quoteUnicode), pythonJsonDumps(value, { ensureAscii: false }));
    }),
    { numRuns: 500 },
  );
});

test('treejson keeps one entry per name, branches first, with a wildcard entry only for several nodes', () => {
  const list = sortByName([
    { path: 'a.x', isLeaf: true },
    { path: 'a.x', isLeaf: false },
    { path: 'a.b', isLeaf: true },
    { path: 'a.c', isLeaf: false },
  ]);
  assert.deepEqual(
    treeJson(list, 'a.', true).map((e) => [(e as { text: string }).text, (e as { leaf: number }).leaf]),
    [['*', 0], ['c', 0], ['x', 0], ['b', 1]],
  );
  assert.deepEqual(treeJson([{ path: 'a.b', isLeaf: true }], 'a.', true), [{ text: 'b', id: 'a.b', allowChildren: 0, expandable: 0, leaf: 1 }]);
  assert.deepEqual(completer([{ path: 'a.b', isLeaf: true }], true), { metrics: [{ path: 'a.b', name: 'b', is_leaf: '1' }] });
});

test('nodelist takes Python-style positions and reports a position past a path', () => {
  const list = [
    { path: 'a.b.c', isLeaf: true },
    { path: 'a.d.c', isLeaf: true },
  ];
  assert.deepEqual(nodeList(list, 1), { nodes: ['b', 'd'] });
  assert.deepEqual(nodeList(list, -1), { nodes: ['c'] });
  assert.deepEqual(nodeList(list, -3), { nodes: ['a'] });
  assert.equal(nodeList(list, 3), null);
  assert.equal(nodeList(list, -4), null);
  assert.deepEqual(nodeList([], 9), { nodes: [] });
});

test('sortByName orders names by code point as Python does, astral characters after U+FFFF-range ones', () => {
  const sorted = sortByName([
    { path: 'r.\ud83d\ude00', isLeaf: true },
    { path: 'r.\uff21', isLeaf: true },
    { path: 'r.b', isLeaf: true },
    { path: 'r.B', isLeaf: true },
    { path: 'q.b', isLeaf: false },
    { path: 'r.b', isLeaf: false },
    { path: 'r.b', isLeaf: true },
  ]);
  assert.deepEqual(
    sorted.map((n) => `${n.path}${n.isLeaf ? '' : '/'}`),
    ['r.B', 'q.b/', 'r.b/', 'r.b', 'r.\uff21', 'r.\ud83d\ude00'],
  );
});
