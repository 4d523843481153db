import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compilePattern, type ElementMatcher } from '../../../src/finders/glob/compile.js';
import { MetricTree } from '../../../src/finders/tree/metric-tree.js';
import { searchTree, toMetricNodes } from '../../../src/finders/tree/search.js';

const SEGMENTS = ['a', 'b', 'ab', 'ba', 'abc', 'x1', 'x2', 'x10', 'cpu', 'user'];
const segment = fc.constantFrom(...SEGMENTS);
const name = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('.'));

/** Glob elements built from the constructs Grafana and users send. */
const element = fc.oneof(
  { weight: 4, arbitrary: segment },
  { weight: 1, arbitrary: fc.constant('nope') },
  { weight: 3, arbitrary: fc.constant('*') },
  { weight: 1, arbitrary: segment.map((s) => `${s[0]}*`) },
  { weight: 1, arbitrary: segment.map((s) => `*${s[s.length - 1]}`) },
  { weight: 1, arbitrary: segment.map((s) => `*${s[0]}*`) },
  { weight: 1, arbitrary: fc.constantFrom('?', '??', 'x?', '[ab]*', '[!a]*', 'x[0-9]', 'x[!1]*') },
  { weight: 2, arbitrary: fc.tuple(segment, segment).map(([s, t]) => `{${s},${t}}`) },
  { weight: 1, arbitrary: fc.tuple(segment, segment).map(([s, t]) => `{${s}*,${t}}`) },
);
const pattern = fc.array(element, { minLength: 1, maxLength: 5 }).map((e) => e.join('.'));
/** Patterns that also hold empty elements and `**`, which take the top-down walk. */
const walkPattern = fc
  .array(fc.oneof({ weight: 5, arbitrary: element }, { weight: 1, arbitrary: fc.constantFrom('', '**', '{,a}') }), { minLength: 1, maxLength: 5 })
  .map((e) => e.join('.'));

function elementsOf(p: string): readonly ElementMatcher[] {
  const compiled = compilePattern(p);
  if (compiled.kind !== 'tree') throw new Error('not a tree pattern');
  return compiled.elements;
}

/** What find must answer, by matching every node of the tree against the pattern. */
function bruteForce(names: ReadonlySet<string>, p: string, leavesOnly: boolean): string[] {
  const elements = elementsOf(p);
  const branches = new Set<string>();
  for (const n of names) {
    const parts = n.split('.');
    for (let i = 1; i < parts.length; i++) branches.add(parts.slice(0, i).join('.'));
  }
  const out: string[] = [];
  const matches = (path: string) => {
    const parts = path.split('.');
    return parts.length === elements.length && parts.every((s, i) => elements[i].literals.includes(s) || (elements[i].test?.(s) ?? false));
  };
  if (!leavesOnly) for (const b of branches) if (matches(b)) out.push(`B ${b}`);
  for (const n of names) if (matches(n)) out.push(`L ${n}`);
  return out.sort();
}

function search(tree: MetricTree, p: string, smallScan: number, leavesOnly: boolean): string[] {
  const result = searchTree(tree, elementsOf(p), { smallScan });
  return toMetricNodes(tree, result, { leavesOnly, limit: Infinity })
    .map((n) => `${n.isLeaf ? 'L' : 'B'} ${n.path}`)
    .sort();
}

function build(names: Iterable<string>): MetricTree {
  const tree = new MetricTree();
  for (const n of names) tree.addLeaf(n.split('.'));
  return tree;
}

test('the index answers what a brute-force match over every node answers', () => {
  fc.assert(
    fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 80 }), fc.array(pattern, { minLength: 1, maxLength: 10 }), fc.boolean(), (names, patterns, leavesOnly) => {
      const tree = build(names);
      const set = new Set(names);
      for (const p of patterns) {
        const expected = bruteForce(set, p, leavesOnly);
        // every plan: listing children only (huge threshold), and posting lists and jumps whenever they look cheaper
        assert.deepEqual(search(tree, p, Number.MAX_SAFE_INTEGER, leavesOnly), expected, p);
        assert.deepEqual(search(tree, p, 0, leavesOnly), expected, p);
      }
    }),
    { numRuns: 300 },
  );
});

test('after deletes, the index still answers what a brute-force match answers', () => {
  fc.assert(
    fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 80 }), fc.array(fc.nat(), { maxLength: 60 }), fc.array(pattern, { minLength: 1, maxLength: 8 }), (names, deletions, patterns) => {
      const tree = build(names);
      const live = new Set(names);
      for (const d of deletions) {
        const victim = names[d % names.length];
        const node = tree.lookup(victim.split('.'));
        assert.equal(tree.removeLeaf(node), live.has(victim));
        live.delete(victim);
      }
      // re-adding some names reuses freed node ids
      for (const n of names.slice(0, 5)) {
        tree.addLeaf(n.split('.'));
        live.add(n);
      }
      assert.equal(tree.leafCount, live.size);
      for (const p of patterns) {
        const expected = bruteForce(live, p, false);
        assert.deepEqual(search(tree, p, Number.MAX_SAFE_INTEGER, false), expected, p);
        assert.deepEqual(search(tree, p, 0, false), expected, p);
      }
    }),
    { numRuns: 300 },
  );
});

test('a find stopped at a limit answers that many of the nodes a full find answers', () => {
  fc.assert(
    fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 80 }), fc.oneof(pattern, walkPattern), fc.nat({ max: 12 }), fc.constantFrom(0, 64), (names, p, limit, smallScan) => {
      const tree = build(names);
      const full = new Set(search(tree, p, smallScan, false));
      const result = searchTree(tree, elementsOf(p), { smallScan, cap: limit });
      const limited = toMetricNodes(tree, result, { leavesOnly: false, limit }).map((n) => `${n.isLeaf ? 'L' : 'B'} ${n.path}`);
      assert.equal(limited.length, Math.min(limit, full.size));
      assert.equal(new Set(limited).size, limited.length);
      for (const n of limited) assert.ok(full.has(n), n);
    }),
    { numRuns: 500 },
  );
});

test('wide trees take the posting-list and jump plans and answer the same', () => {
  // 3000 leaves: dc.rack.host.subsystem.metric with a few rare subsystems
  const names: string[] = [];
  for (let h = 0; h < 300; h++) {
    const host = `dc${h % 3}.rack${h % 7}.host${h}`;
    for (const m of ['user', 'system', 'idle']) names.push(`${host}.cpu.${m}`);
    if (h % 50 === 0) names.push(`${host}.gpu.util`);
    for (const m of ['used', 'free', 'cached', 'buffers', 'swap', 'total']) names.push(`${host}.mem.${m}`);
  }
  const tree = build(names);
  const set = new Set(names);
  for (const p of ['dc1.*.*.gpu.util', 'dc2.*.*.*.util', 'dc1.rack1.*.gpu.*', '*.*.*.gpu.util', '*.*.*.gpu.*', '*.*.host1*.cpu.user', 'dc1.*.*.mem.{used,free}', '*.rack3.*.*.idle', '*.*.*.*.util', 'dc0.rack0.*', '*.*.*.{gpu,cpu}.u*', '*.*.*.*.nope']) {
    const expected = bruteForce(set, p, false);
    assert.deepEqual(search(tree, p, 64, false), expected, p);
    assert.deepEqual(search(tree, p, 0, false), expected, p);
  }
});
