/**
 * The captured answers are those of the case lists as they are now: every case file has its
 * golden file with the same cases (capture.ts was run after the list last changed), and case
 * ids are unique across files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseFileNames, goldenFileNames, loadCases, readGolden } from '../../fixtures/functions/cases.js';

test('every case file is captured, and nothing else is', () => {
  assert.deepEqual(goldenFileNames(), caseFileNames(), 'run: node --import tsx test/fixtures/functions/capture.ts <function>');
});

test('each golden file holds exactly its case list, captured at the same NOW', async () => {
  for (const name of caseFileNames()) {
    const cases = await loadCases(name);
    const golden = readGolden(name);
    const strip = ({ id, target, from, until, xFilesFactor }: (typeof cases)[number]) => ({ id, target, from, until, xFilesFactor });
    assert.deepEqual(golden.cases.map(strip), cases.map(strip), `${name}: the cases changed since they were captured; run: node --import tsx test/fixtures/functions/capture.ts ${name}`);
    assert.ok(cases.length > 0, `${name}: no cases`);
  }
});

test('case ids are unique and start with a function name', async () => {
  const seen = new Map<string, string>();
  for (const name of caseFileNames()) {
    for (const c of await loadCases(name)) {
      assert.ok(!seen.has(c.id), `${c.id} in ${name} and ${seen.get(c.id)}`);
      seen.set(c.id, name);
      assert.ok(c.id === name || c.id.startsWith(`${name}_`), `${c.id} in ${name}.ts should be named ${name}_...`);
    }
  }
});
