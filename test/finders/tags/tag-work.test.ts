import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTagIndex } from '../../../src/finders/tags/memory-tag-index.js';
import { evaluateTagQuery } from '../../../src/finders/tags/tag-query.js';
import { DEFAULT_TAG_LIMITS, TagLimitError, TagWork } from '../../../src/finders/tags/tag-work.js';
import { parseTagExpressions, TagExpressionError } from '../../../src/finders/tag-expressions.js';
import { displayName } from '../../../src/series/id.js';
import { compareCodePoints } from '../../../src/finders/node-order.js';
import type { MetricName } from '../../../src/series/types.js';

/** Work that pauses after every step and lets `meanwhile` change the index during each pause. */
class PausingWork extends TagWork {
  constructor(private readonly meanwhile: () => void) {
    super(DEFAULT_TAG_LIMITS);
  }
  override tick(): boolean {
    return true;
  }
  override async pause(): Promise<void> {
    await super.pause();
    this.meanwhile();
  }
}

test('an evaluation pausing at every step while other series come and go answers exactly the series that matched throughout', async () => {
  const index = new MemoryTagIndex();
  const stable: MetricName[] = [];
  for (let i = 0; i < 300; i++) {
    const m = { name: 'cpu', tags: { dc: i % 2 === 0 ? 'eu' : 'us', host: `h${i}` } };
    index.add(m);
    stable.push(m);
  }
  // series that never match: added and removed under the evaluation, reusing freed slots
  let n = 0;
  const churn: string[] = [];
  const meanwhile = () => {
    const m = { name: 'cpu', tags: { dc: 'eu', host: `x${n++}`, extra: n % 3 === 0 ? 'a' : 'b' } };
    index.add(m);
    churn.push(displayName(m));
    if (churn.length > 3) index.remove(churn.splice(0, 2));
  };
  const constraints = parseTagExpressions(['dc=eu', 'host=~h', 'name!=disk']);
  const found: string[] = [];
  await evaluateTagQuery(index.postings, constraints, new PausingWork(meanwhile), (s) => void found.push(index.postings.nameOf(s)));
  assert.ok(n > 100, 'the index changed under the evaluation');
  const expected = stable.filter((m) => m.tags.dc === 'eu').map(displayName).sort(compareCodePoints);
  assert.deepEqual([...new Set(found)].sort(compareCodePoints), expected);
  assert.equal(found.length, expected.length, 'no series reported twice');
});

test('tag queries stop at their bounds with an error naming the setting', async () => {
  const index = new MemoryTagIndex();
  for (let i = 0; i < 3000; i++) index.add({ name: 'cpu', tags: { host: `h${i}`, dc: 'eu' } });
  const limits = (over: Partial<typeof DEFAULT_TAG_LIMITS>) => ({ ...DEFAULT_TAG_LIMITS, ...over });
  await assert.rejects(index.findSeries(['dc=eu'], limits({ maxSeries: 2999 })), (err: Error) => err instanceof TagLimitError && /limits\.tags\.maxSeries/.test(err.message));
  assert.equal((await index.findSeries(['dc=eu'], limits({ maxSeries: 3000 }))).length, 3000);
  await assert.rejects(index.findSeries(['host=~h1'], limits({ maxValuesTested: 100 })), (err: Error) => err instanceof TagLimitError && /maxValuesTested/.test(err.message));
  await assert.rejects(index.tagValues('dc', { expressions: ['host=~h.*'] }, limits({ maxValuesTested: 10 })), TagLimitError);
  await assert.rejects(index.listTags('d', undefined, limits({ maxValuesTested: 1 })), TagLimitError);
  // a deadline already past stops the work at its first look at the clock
  await assert.rejects(index.findSeries(['dc=eu'], limits({ timeoutMs: 0 })), (err: Error) => err instanceof TagLimitError && /timeoutMs/.test(err.message));
  await assert.rejects(index.findSeries([`host=~${'a'.repeat(100)}`], limits({ maxPatternLength: 50 })), (err: Error) => err instanceof TagExpressionError && /longer than 50/.test(err.message));
});

test('an exact or prefixed expression visits only its own series and values', async () => {
  const index = new MemoryTagIndex();
  for (let i = 0; i < 20000; i++) index.add({ name: 'cpu', tags: { host: `h${i}`, dc: i < 10 ? 'small' : 'big' } });
  // a regex on every host would test 20000 values: the exact dc=small drives, so only its 10 series' hosts are judged
  const limits = { ...DEFAULT_TAG_LIMITS, maxValuesTested: 20 };
  assert.equal((await index.findSeries(['dc=small', 'host=~h.*'], limits)).length, 10);
  // a literal prefix narrows the values tested to those starting with it (h1999, h19990..h19999)
  assert.deepEqual(await index.findSeries(['host=~h1999(0|1)?$'], limits), ['cpu;dc=big;host=h1999', 'cpu;dc=big;host=h19990', 'cpu;dc=big;host=h19991']);
  await assert.rejects(index.findSeries(['host=~.*1999$'], limits), TagLimitError);
});
