import type { TagConstraint } from '../tag-expressions.js';
import type { TagPostings } from './tag-postings.js';
import type { TagWork } from './tag-work.js';

/** Values of a prefix range summed up exactly to estimate a driver's size; past it, the tag's whole count. */
const ESTIMATE_VALUES = 4096;

/** Called with each matching series while its slot is valid; false stops the evaluation. */
export type OnMatch = (series: number) => boolean | void;

/** The constraint that supplies candidates, and how many series it is expected to give. */
interface Driver {
  readonly constraint: TagConstraint;
  readonly tag: number;
  readonly estimate: number;
}

/**
 * Evaluates tag constraints over the index, most selective first: the required constraint
 * (one an empty value does not satisfy) expected to give the fewest series supplies the
 * candidates, from the posting list of an exact value or from the values of its tag (only
 * those under a literal prefix when the pattern has one, each tested once), and every other
 * constraint is checked on each candidate through the candidate's own tags, each distinct
 * value judged once. No evaluation visits every series: a candidate always holds the driver's
 * tag, and an exact or prefixed driver visits only its values.
 *
 * Work runs in slices (TagWork): after a pause the index may have changed, so the caches are
 * dropped and every candidate is checked afresh against every constraint, the driver's too.
 */
export async function evaluateTagQuery(index: TagPostings, constraints: readonly TagConstraint[], work: TagWork, onMatch: OnMatch): Promise<void> {
  const driver = chooseDriver(index, constraints);
  if (driver === null) return;
  const before = index.version;
  const candidates = await driverCandidates(index, driver, work);
  // once the index has changed under the evaluation, nothing known before is trusted
  let seen = index.version;
  let dirty = seen !== before;
  let verdicts = constraints.map(() => new Verdicts(index.valueSlotCapacity()));
  const tags = constraints.map((c) => index.tagSlot(c.tag));
  for (let i = 0; i < candidates.length; i++) {
    if (work.tick()) {
      await work.pause();
      if (index.version !== seen) {
        seen = index.version;
        dirty = true;
        verdicts = constraints.map(() => new Verdicts(index.valueSlotCapacity()));
        for (let k = 0; k < constraints.length; k++) tags[k] = index.tagSlot(constraints[k].tag);
      }
    }
    const s = candidates[i];
    if (dirty && !index.isSeries(s)) continue;
    let ok = true;
    for (let k = 0; k < constraints.length && ok; k++) {
      const c = constraints[k];
      if (c === driver.constraint && !dirty) continue;
      ok = judge(index, c, tags[k] < 0 ? -1 : index.seriesValue(s, tags[k]), verdicts[k], work);
    }
    if (ok && onMatch(s) === false) return;
  }
}

/**
 * One constraint's verdicts by value slot (0 not judged yet, 1 yes, 2 no), so each distinct
 * value is judged once per request; `absent` is the verdict for series without the tag.
 */
class Verdicts {
  readonly bySlot: Uint8Array;
  absent = 0;

  constructor(capacity: number) {
    this.bySlot = new Uint8Array(capacity);
  }
}

/** Whether a series with value slot `v` (-1: without the tag) satisfies `c`. */
function judge(index: TagPostings, c: TagConstraint, v: number, verdicts: Verdicts, work: TagWork): boolean {
  if (v < 0) {
    if (verdicts.absent === 0) verdicts.absent = c.matches(undefined) ? 1 : 2;
    return verdicts.absent === 1;
  }
  const known = v < verdicts.bySlot.length ? verdicts.bySlot[v] : 0;
  if (known !== 0) return known === 1;
  if (c.isRegex) work.testValue();
  const verdict = c.matches(index.valueName(v));
  if (v < verdicts.bySlot.length) verdicts.bySlot[v] = verdict ? 1 : 2;
  return verdict;
}

/** The required constraint expected to give the fewest series, or null when the answer is empty for sure. */
export function chooseDriver(index: TagPostings, constraints: readonly TagConstraint[]): Driver | null {
  let best: Driver | null = null;
  for (const c of constraints) {
    if (c.matchesEmpty) continue;
    const t = index.tagSlot(c.tag);
    // a required tag no series has: nothing can match
    if (t < 0 || index.tagSeriesCount(t) === 0) return null;
    const estimate = estimateOf(index, c, t);
    if (estimate === 0) return null;
    if (best === null || estimate < best.estimate) best = { constraint: c, tag: t, estimate };
  }
  return best;
}

function estimateOf(index: TagPostings, c: TagConstraint, t: number): number {
  if (c.operator === '=') {
    const v = index.valueSlot(c.spec);
    const p = v < 0 ? -1 : index.pairSlot(t, v);
    return p < 0 ? 0 : index.pairSize(p);
  }
  if (c.valuePrefix === '') return index.tagSeriesCount(t);
  let sum = 0;
  let values = 0;
  const whole = index.valuesOf(t).forEachWithPrefix(c.valuePrefix, (v) => {
    sum += index.pairSize(index.pairSlot(t, v));
    return ++values < ESTIMATE_VALUES;
  });
  return whole ? sum : index.tagSeriesCount(t);
}

/**
 * The series the driver admits, copied out of the index: the exact value's posting list, or
 * the posting lists of the tag's values (under the driver's prefix) it accepts.
 */
async function driverCandidates(index: TagPostings, driver: Driver, work: TagWork): Promise<Uint32Array> {
  const { constraint: c, tag: t } = driver;
  if (c.operator === '=') return index.pairSeries(index.pairSlot(t, index.valueSlot(c.spec)));
  // the values are listed first: the sorted list may change while the tests pause
  const values: number[] = [];
  index.valuesOf(t).forEachWithPrefix(c.valuePrefix, (v) => {
    values.push(v);
  });
  let out = new Uint32Array(Math.max(16, Math.min(driver.estimate, 1 << 20)));
  let n = 0;
  for (const v of values) {
    if (work.tick()) await work.pause();
    const text = index.valueName(v);
    // after a change a listed slot may hold another value, or none: judge what it holds now
    if (text === undefined) continue;
    if (c.isRegex) work.testValue();
    if (!c.matches(text)) continue;
    const p = index.pairSlot(t, v);
    if (p < 0) continue;
    const size = index.pairSize(p);
    if (n + size > out.length) {
      const grown = new Uint32Array(Math.max(out.length * 2, n + size));
      grown.set(out.subarray(0, n));
      out = grown;
    }
    n = index.pairSeriesInto(p, out, n);
  }
  return out.subarray(0, n);
}

/**
 * The first `limit` values of tag `t` (in value order, under `prefix`) held by some series that
 * satisfies every constraint: for a value autocomplete whose own tag is its most selective
 * constraint (`host!=` beside `env!=~dev`, say), walking the tag's values in order and stopping
 * at `limit` beats collecting the values of every matching series. Constraints on `t` are judged
 * on the value; the others on the value's series, until one of them passes.
 */
export async function firstValuesWithMatch(
  index: TagPostings,
  t: number,
  prefix: string,
  constraints: readonly TagConstraint[],
  limit: number,
  work: TagWork,
): Promise<string[]> {
  const own = constraints.filter((c) => index.tagSlot(c.tag) === t);
  const others = constraints.filter((c) => index.tagSlot(c.tag) !== t);
  const found: string[] = [];
  let after: string | undefined;
  for (;;) {
    // a slice of values, taken while nothing changes; the next slice resumes after the last
    const slice: string[] = [];
    index.valuesOf(t).forEachWithPrefix(
      prefix,
      (v) => {
        slice.push(index.valueName(v));
        return slice.length < 256;
      },
      after,
    );
    if (slice.length === 0) return found;
    for (const value of slice) {
      after = value;
      if (!own.every((c) => judgeValue(c, value, work))) continue;
      let verdict: Verdict;
      do {
        // the value's series as they are now (again if the index changed while they were judged)
        const v = index.valueSlot(value);
        const p = v < 0 ? -1 : index.pairSlot(t, v);
        verdict = p < 0 ? 'no' : await anySeriesPasses(index, index.pairSeries(p), others, work);
      } while (verdict === 'changed');
      if (verdict === 'yes') {
        found.push(value);
        if (found.length >= limit) return found;
      }
    }
    if (work.tick()) await work.pause();
  }
}

type Verdict = 'yes' | 'no' | 'changed';

function judgeValue(c: TagConstraint, value: string, work: TagWork): boolean {
  if (c.isRegex) work.testValue();
  return c.matches(value);
}

/** Whether one of `series` satisfies every constraint (each distinct value judged once); 'changed' when the index changed meanwhile. */
async function anySeriesPasses(index: TagPostings, series: Uint32Array, constraints: readonly TagConstraint[], work: TagWork): Promise<Verdict> {
  if (constraints.length === 0) return series.length > 0 ? 'yes' : 'no';
  const tags = constraints.map((c) => index.tagSlot(c.tag));
  const verdicts = constraints.map(() => new Verdicts(index.valueSlotCapacity()));
  const version = index.version;
  for (let i = 0; i < series.length; i++) {
    if (work.tick()) {
      await work.pause();
      if (index.version !== version) return 'changed';
    }
    const s = series[i];
    let ok = true;
    for (let k = 0; k < constraints.length && ok; k++) ok = judge(index, constraints[k], tags[k] < 0 ? -1 : index.seriesValue(s, tags[k]), verdicts[k], work);
    if (ok) return 'yes';
  }
  return 'no';
}
