import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MemoryTagIndex } from '../../../src/finders/tags/memory-tag-index.js';
import { MemoryTagIdLedger } from '../../../src/finders/tags/tag-ids.js';
import { TagPostings } from '../../../src/finders/tags/tag-postings.js';
import { compileTagExpressions, TagExpressionError } from '../../../src/finders/tag-expressions.js';
import { displayName } from '../../../src/series/id.js';
import { compareCodePoints } from '../../../src/finders/node-order.js';
import type { MetricName } from '../../../src/series/types.js';

// The index against brute force: every answer recomputed by testing compileTagExpressions on
// every series the model holds, after random registrations and removals.

const NAMES = ['a', 'b.c', 'cpu.load', 'disk.used', 'x'];
const KEYS = ['dc', 'host', 'host2', 'env', 'a', 'a.b', 'r'];
const VALUES = ['eu', 'us', 'web01', 'web02', 'e', 'x~', 'a=b', 'é', '\u{1F600}', 'w'];
const PATTERNS = ['e', 'e.*', '.*', '', 'web0[12]', 'u|e', '^w', 'x$', '(e|)', 'web01', 'a\\.b', '.', 'we', '[a-z]+', 'é|u', '(?i)E', 'w?', '^(e|u)', 'x~'];

const metricArb: fc.Arbitrary<MetricName> = fc.record({
  name: fc.constantFrom(...NAMES),
  tags: fc
    .uniqueArray(fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)), { minLength: 1, maxLength: 4, selector: ([k]) => k })
    .map((entries) => Object.fromEntries(entries)),
});

const expressionArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...KEYS, 'name', 'nosuch'), fc.constantFrom('=', '!=', '=~', '!=~'), fc.boolean())
  .chain(([tag, op, fromValues]) => {
    const specs = op.includes('~') ? PATTERNS : fromValues ? [...VALUES, ...NAMES] : [''];
    return fc.constantFrom(...specs).map((spec) => `${tag}${op}${spec}`);
  });

type Op = { kind: 'add'; metric: MetricName } | { kind: 'remove'; pick: number };

const opsArb: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: metricArb.map((metric) => ({ kind: 'add' as const, metric })) },
    { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'remove' as const, pick })) },
  ),
  { minLength: 1, maxLength: 80 },
);

/** Applies the operations to the index and to a model (display name -> tags with `name`). */
function build(ops: readonly Op[], ledger = new MemoryTagIdLedger()): { index: MemoryTagIndex; model: Map<string, Record<string, string>>; tagsEver: Set<string> } {
  const index = new MemoryTagIndex(ledger);
  const model = new Map<string, Record<string, string>>();
  const tagsEver = new Set<string>();
  for (const op of ops) {
    if (op.kind === 'add') {
      const display = displayName(op.metric);
      assert.equal(index.add(op.metric), !model.has(display));
      model.set(display, { ...op.metric.tags, name: op.metric.name });
      for (const k of [...Object.keys(op.metric.tags), 'name']) tagsEver.add(k);
    } else if (model.size > 0) {
      const display = [...model.keys()][op.pick % model.size];
      assert.equal(index.remove([display]), 1);
      model.delete(display);
    }
  }
  return { index, model, tagsEver };
}

function bruteForce(model: Map<string, Record<string, string>>, expressions: string[]): string[] | Error {
  let test: (tags: Record<string, string>) => boolean;
  try {
    test = compileTagExpressions(expressions);
  } catch (err) {
    return err as Error;
  }
  return [...model].filter(([, tags]) => test(tags)).map(([name]) => name).sort(compareCodePoints);
}

async function settle<T>(p: Promise<T>): Promise<T | Error> {
  try {
    return await p;
  } catch (err) {
    return err as Error;
  }
}

function sameAnswer(actual: unknown, expected: unknown, what: string): void {
  if (expected instanceof Error) {
    assert.ok(actual instanceof TagExpressionError, `${what}: expected ${expected.message}, got ${JSON.stringify(actual)}`);
    assert.equal(actual.message, expected.message, what);
  } else assert.deepEqual(actual, expected, what);
}

test('findSeries answers what testing every series answers, after random registrations and removals', async () => {
  await fc.assert(
    fc.asyncProperty(opsArb, fc.array(fc.array(expressionArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), async (ops, queries) => {
      const { index, model } = build(ops);
      assert.equal(index.size, model.size);
      for (const expressions of queries) sameAnswer(await settle(index.findSeries(expressions)), bruteForce(model, expressions), JSON.stringify(expressions));
    }),
    { numRuns: 300 },
  );
});

test('autocompletes answer what graphite-web computes from the matching series', async () => {
  await fc.assert(
    fc.asyncProperty(
      opsArb,
      fc.array(expressionArb, { maxLength: 2 }),
      fc.constantFrom('', 'h', 'a', 'd', 'e', 'w', 'n'),
      fc.constantFrom(...KEYS, 'name', 'nosuch'),
      fc.integer({ min: -1, max: 5 }),
      async (ops, expressions, prefix, tag, limit) => {
        const { index, model, tagsEver } = build(ops);
        const first = (xs: Iterable<string>, n: number) => [...new Set(xs)].sort(compareCodePoints).slice(0, n);
        let tagsExpected: string[] | Error;
        let valuesExpected: string[] | Error;
        if (expressions.length === 0) {
          // graphite-web lists every tag ever registered, and the values series hold now
          tagsExpected = first([...tagsEver].filter((t) => t.startsWith(prefix)), limit > 0 ? limit : Infinity);
          valuesExpected = first([...model.values()].map((t) => t[tag]).filter((v) => v !== undefined && v.startsWith(prefix)), limit > 0 ? limit : Infinity);
        } else {
          const matching = bruteForce(model, expressions);
          const searched = new Set(expressions.map((e) => /^([^;!=]+)/.exec(e)![1]));
          tagsExpected =
            matching instanceof Error ? matching : first(matching.flatMap((n) => Object.keys(model.get(n)!)).filter((t) => t.startsWith(prefix) && !searched.has(t)), Math.max(0, limit));
          const withTag = bruteForce(model, [...expressions, `${tag}!=`]);
          valuesExpected =
            withTag instanceof Error ? withTag : first(withTag.map((n) => model.get(n)![tag]).filter((v) => v.startsWith(prefix)), Math.max(0, limit));
        }
        const query = { expressions, prefix, limit };
        sameAnswer(await settle(index.tagNames(query)), tagsExpected, `tags ${JSON.stringify(query)}`);
        sameAnswer(await settle(index.tagValues(tag, query)), valuesExpected, `values of ${tag} ${JSON.stringify(query)}`);
      },
    ),
    { numRuns: 300 },
  );
});

test('tag listings count the series holding each value and keep tags whose series are gone', async () => {
  await fc.assert(
    fc.asyncProperty(opsArb, fc.constantFrom(...KEYS, 'name'), async (ops, tag) => {
      const { index, model, tagsEver } = build(ops);
      assert.deepEqual(
        (await index.listTags()).map((r) => r.tag),
        [...tagsEver].sort(compareCodePoints),
      );
      const details = await index.tagDetails(tag);
      if (!tagsEver.has(tag)) return assert.equal(details, null);
      const counts = new Map<string, number>();
      for (const tags of model.values()) if (tags[tag] !== undefined) counts.set(tags[tag], (counts.get(tags[tag]) ?? 0) + 1);
      assert.deepEqual(
        details!.values.map((v) => [v.value, v.count]),
        [...counts].sort((a, b) => compareCodePoints(a[0], b[0])),
      );
    }),
    { numRuns: 200 },
  );
});

test('large posting lists (past the pooled sizes) stay exact through removals', async () => {
  const index = new MemoryTagIndex();
  const all: MetricName[] = [];
  for (let i = 0; i < 5000; i++) all.push({ name: `m${i % 7}`, tags: { dc: i % 3 === 0 ? 'eu' : 'us', host: `h${i}` } });
  for (const m of all) index.add(m);
  const gone = all.filter((_, i) => i % 5 !== 0);
  assert.equal(index.remove(gone.map(displayName)), gone.length);
  const left = all.filter((_, i) => i % 5 === 0);
  const expected = left.filter((m) => m.tags.dc === 'eu').map(displayName).sort(compareCodePoints);
  assert.deepEqual(await index.findSeries(['dc=eu']), expected);
  assert.deepEqual(await index.findSeries(['dc!=us', 'host=~h[0-9]*0$']), expected.filter((n) => /host=h\d*0$/.test(n)));
  for (const m of gone.slice(0, 2000)) index.add(m);
  const back = [...left, ...gone.slice(0, 2000)];
  assert.deepEqual(await index.findSeries(['dc=eu']), back.filter((m) => m.tags.dc === 'eu').map(displayName).sort(compareCodePoints));
  assert.equal(index.size, back.length);
});

test('an index restored from its snapshot answers and changes as the original does', async () => {
  await fc.assert(
    fc.asyncProperty(opsArb, opsArb, fc.array(expressionArb, { minLength: 1, maxLength: 3 }), async (before, after, expressions) => {
      const ledger = new MemoryTagIdLedger();
      const { index } = build(before, ledger);
      const restored = new MemoryTagIndex(TagPostings.fromState(index.postings.exportState(), ledger.copy()));
      const both = [index, restored];
      for (const op of after) {
        for (const ix of both) {
          if (op.kind === 'add') ix.add(op.metric);
          else {
            const names = await ix.findSeries(['name!=']);
            if (names.length > 0) ix.remove([names[op.pick % names.length]]);
          }
        }
      }
      assert.equal(restored.size, index.size);
      assert.deepEqual(await settle(restored.findSeries(expressions)), await settle(index.findSeries(expressions)));
      assert.deepEqual(await restored.listTags(), await index.listTags());
      for (const tag of KEYS) assert.deepEqual(await restored.tagDetails(tag), await index.tagDetails(tag));
    }),
    { numRuns: 150 },
  );
});
