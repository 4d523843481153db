import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PostingLists } from '../../../src/finders/tags/posting-lists.js';
import { SortedSlots } from '../../../src/finders/tags/sorted-slots.js';
import { compileTagRegex, literalPrefix } from '../../../src/finders/tags/tag-regex.js';
import { compareCodePoints } from '../../../src/finders/node-order.js';

test('posting lists hold what was added and not removed, through every size class and back', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat({ max: 3 }), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 99 })), { minLength: 1, maxLength: 12 }),
      (rounds) => {
        const lists = new PostingLists();
        lists.reserve(4);
        const model = [new Set<number>(), new Set<number>(), new Set<number>(), new Set<number>()];
        let next = 0;
        for (const [pair, adds, removePercent] of rounds) {
          for (let i = 0; i < adds; i++) {
            lists.add(pair, next);
            model[pair].add(next++);
          }
          const marks = new Uint8Array(next);
          for (const s of model[pair]) if (s % 100 < removePercent) marks[s] = 1;
          const removed = lists.removeMarked(pair, marks);
          let expected = 0;
          for (const s of [...model[pair]]) if (marks[s] === 1) (model[pair].delete(s), expected++);
          assert.equal(removed, expected);
          for (let p = 0; p < 4; p++) {
            assert.equal(lists.size(p), model[p].size);
            assert.deepEqual([...lists.copy(p)].sort((a, b) => a - b), [...model[p]].sort((a, b) => a - b));
            const out = new Uint32Array(model[p].size + 2);
            assert.equal(lists.copyInto(p, out, 2), model[p].size + 2);
          }
        }
      },
    ),
    { numRuns: 60 },
  );
});

test('sorted slots keep code point order through inserts and removals, and list a prefix from any key', () => {
  const words = fc.stringMatching(/^[a-c\u00e9\u{1F600}\uff01]{0,4}$/u);
  fc.assert(
    fc.property(fc.uniqueArray(words, { maxLength: 1500 }), fc.nat(), words, (keys, cut, prefix) => {
      const list = new SortedSlots((s) => keys[s]);
      keys.forEach((_, i) => list.insert(i));
      const gone = new Set(keys.map((_, i) => i).filter((i) => (i * 7 + cut) % 3 === 0));
      for (const i of gone) assert.equal(list.remove(i), true);
      const left = keys.filter((_, i) => !gone.has(i)).sort(compareCodePoints);
      assert.equal(list.size, left.length);
      assert.deepEqual([...list].map((s) => keys[s]), left);
      const under = left.filter((k) => k.startsWith(prefix));
      const seen: string[] = [];
      list.forEachWithPrefix(prefix, (s) => void seen.push(keys[s]));
      assert.deepEqual(seen, under);
      assert.equal(list.countWithPrefix(prefix), under.length);
      if (under.length > 1) {
        const after = under[Math.floor(under.length / 2)];
        const rest: string[] = [];
        list.forEachWithPrefix(prefix, (s) => void rest.push(keys[s]), after);
        assert.deepEqual(rest, under.filter((k) => compareCodePoints(k, after) > 0));
      }
    }),
    { numRuns: 80 },
  );
});

test("a regex's literal prefix starts every value it matches", () => {
  const atom = fc.constantFrom('a', 'b', 'c', '.', '\\.', '\\d', '[ab]', '[^a]', '(a|b)', '(?:ab)', 'a*', 'b?', 'c+', 'a{0,2}', 'b{2}', '|', '^', '$', '\\w', '(ab|a)');
  const pattern = fc.array(atom, { maxLength: 6 }).map((parts) => parts.join(''));
  const value = fc.stringMatching(/^[abc.1]{0,6}$/);
  fc.assert(
    fc.property(pattern, fc.boolean(), fc.array(value, { maxLength: 30 }), (spec, wrapped, values) => {
      const anchored = wrapped ? `^(${spec})` : `^${spec}`;
      let search: (v: string) => boolean;
      try {
        search = compileTagRegex(anchored, 'search');
      } catch {
        return;
      }
      const prefix = literalPrefix(anchored);
      for (const v of values) if (search(v)) assert.ok(v.startsWith(prefix), `${anchored} matched ${v} but the prefix is ${prefix}`);
    }),
    { numRuns: 3000 },
  );
  assert.equal(literalPrefix('^(cpu\\.load.*)'), 'cpu.load');
  assert.equal(literalPrefix('^(web0[12])'), 'web0');
  assert.equal(literalPrefix('^(ab|cd)'), '');
  assert.equal(literalPrefix('^abc|x'), '');
  assert.equal(literalPrefix('^(abc?)'), 'ab');
  assert.equal(literalPrefix('^((?i)abc)'), '');
});
