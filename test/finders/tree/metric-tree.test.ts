import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricTree, ROOT } from '../../../src/finders/tree/metric-tree.js';
import { PrefixLoader } from '../../../src/finders/tree/prefix-loader.js';

/** A deterministic pseudo-random sequence (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function names(count: number, rnd: () => number): string[] {
  const out = new Set<string>();
  while (out.size < count) {
    const depth = 1 + Math.floor(rnd() * 4);
    const parts: string[] = [];
    for (let i = 0; i < depth; i++) parts.push(`s${Math.floor(rnd() * (i === depth - 1 ? 5000 : 40))}`);
    out.add(parts.join('.'));
  }
  return [...out];
}

test('lookups stay exact through growth, deletes and reuse of node ids', () => {
  const rnd = random(7);
  const all = names(30_000, rnd);
  const tree = new MetricTree();
  for (const n of all) assert.equal(tree.addLeaf(n.split('.')), true);
  for (const n of all) assert.equal(tree.addLeaf(n.split('.')), false);
  assert.equal(tree.leafCount, all.length);

  const deleted = new Set<string>();
  for (const n of all) {
    if (rnd() < 0.5) {
      assert.equal(tree.removeLeaf(tree.lookup(n.split('.'))), true);
      deleted.add(n);
    }
  }
  const live = all.filter((n) => !deleted.has(n));
  assert.equal(tree.leafCount, live.length);
  for (const n of live) {
    const node = tree.lookup(n.split('.'));
    assert.ok(node > 0 && tree.isLeaf(node), n);
    assert.equal(tree.path(node), n);
  }
  // a deleted leaf is gone unless it is still a branch of a live one
  const prefixes = new Set(live.flatMap((n) => n.split('.').slice(0, -1).map((_, i, p) => p.slice(0, i + 1).join('.'))));
  for (const n of deleted) {
    const node = tree.lookup(n.split('.'));
    if (prefixes.has(n)) assert.ok(node > 0 && !tree.isLeaf(node) && tree.isBranch(node), n);
    else assert.equal(node, -1, n);
  }
  // every live node is reachable by listing children, and every posting list holds exactly the live nodes
  let listed = 0;
  const stack = [ROOT];
  while (stack.length > 0) {
    const n = stack.pop()!;
    let children = 0;
    for (let c = tree.firstChild[n]; c !== -1; c = tree.nextSibling[c]) {
      assert.equal(tree.parent[c], n);
      stack.push(c);
      children++;
    }
    assert.equal(tree.childCount[n], children);
    listed++;
  }
  assert.equal(listed, tree.nodeCount);
  let posted = 0;
  for (let p = 0; p < tree.pairsCreated; p++) {
    let count = 0;
    for (let n = tree.pairHead[p]; n !== -1; n = tree.nextInPair[n]) {
      assert.equal(tree.pair[n], p);
      count++;
    }
    assert.equal(tree.pairCount[p], count);
    posted += count;
  }
  assert.equal(posted, tree.nodeCount - 1);

  // re-adding reuses freed ids and is found again; trimming keeps everything
  for (const n of deleted) tree.addLeaf(n.split('.'));
  tree.trim();
  for (const n of all) assert.ok(tree.isLeaf(tree.lookup(n.split('.'))), n);
  assert.equal(tree.leafCount, all.length);
});

test('the prefix loader builds the same tree as one leaf at a time, and tolerates any order', () => {
  const rnd = random(11);
  const all = names(5000, rnd);
  const a = new MetricTree();
  for (const n of all) a.addLeaf(n.split('.'));
  for (const order of [[...all].sort(), all]) {
    const b = new MetricTree();
    const loader = new PrefixLoader(b);
    for (const n of order) assert.equal(loader.add(n.split('.')), true);
    assert.equal(loader.add(order[0].split('.')), false);
    assert.equal(b.leafCount, a.leafCount);
    assert.equal(b.nodeCount, a.nodeCount);
    for (const n of all) assert.equal(b.path(b.lookup(n.split('.'))), n);
  }
});
