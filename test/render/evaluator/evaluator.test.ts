import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Evaluator } from '../../../src/render/evaluator/evaluator.js';
import { RenderLimitError } from '../../../src/render/evaluator/errors.js';
import { defineFunction, InputError, type RenderFunction, type RequestContext } from '../../../src/render/function-types.js';
import { param } from '../../../src/render/function-params.js';
import { Series } from '../../../src/render/series.js';
import { WorkSlicer } from '../../../src/lib/work-slicer.js';
import type { MetricIndex, MetricNode } from '../../../src/finders/metric-index.js';
import type { FetchedSeries, SeriesReader } from '../../../src/readers/series-reader.js';

/** A fixed set of series; every fetch is recorded. Globs: `*` within one level. */
class Memory implements MetricIndex, SeriesReader {
  fetches: Array<{ name: string; from: number; until: number }> = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly series: Record<string, number[]>,
    private readonly delayMs = 0,
  ) {}
  async *find(pattern: string): AsyncIterable<MetricNode> {
    const re = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^.]*')}$`);
    for (const path of Object.keys(this.series).reverse()) if (re.test(path)) yield { path, isLeaf: true };
  }
  async fetch(name: string, from: number, until: number): Promise<FetchedSeries | null> {
    this.fetches.push({ name, from, until });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, this.delayMs));
    this.inFlight--;
    const v = this.series[name];
    return v ? { name, tags: {}, start: from, end: from + v.length * 10, step: 10, values: Float64Array.from(v), aggregation: 'average', xFilesFactor: 0 } : null;
  }
  batches: string[][] = [];
  batchesInFlight = 0;
  maxBatchesInFlight = 0;
  async fetchMany(names: readonly string[], from: number, until: number): Promise<Array<FetchedSeries | null>> {
    this.batches.push([...names]);
    this.batchesInFlight++;
    this.maxBatchesInFlight = Math.max(this.maxBatchesInFlight, this.batchesInFlight);
    try {
      return await Promise.all(names.map((n) => this.fetch(n, from, until)));
    } finally {
      this.batchesInFlight--;
    }
  }
  async register() {}
  async delete() {
    return 0;
  }
  async unregister() {
    return 0;
  }
  async close() {}
}

const scale: RenderFunction = {
  name: 'scale',
  group: 'Transform',
  description: '',
  params: [
    { name: 'seriesList', type: 'seriesList', required: true },
    { name: 'factor', type: 'float', required: true },
  ],
  run: (_ctx, a) =>
    (a.seriesList as Series[]).map((s) => {
      // writes in place, as several graphite-web functions do
      for (let i = 0; i < s.values.length; i++) s.values[i] *= a.factor as number;
      s.name = `scale(${s.name},${a.factor})`;
      return s;
    }),
};
const alias: RenderFunction = {
  name: 'alias',
  group: 'Alias',
  description: '',
  params: [
    { name: 'seriesList', type: 'seriesList', required: true },
    { name: 'newName', type: 'string', required: true },
  ],
  run: (_ctx, a) => (a.seriesList as Series[]).map((s) => s.copy({ name: a.newName as string })),
};
const shiftBack: RenderFunction = {
  name: 'shiftBack',
  group: 'Transform',
  description: '',
  params: [
    { name: 'seriesList', type: 'seriesList', required: true },
    { name: 'seconds', type: 'integer', required: true },
  ],
  async run(ctx, a) {
    const out: Series[] = [];
    for (const s of a.seriesList as Series[]) {
      const shift = a.seconds as number;
      out.push(...(await ctx.evaluate(s.pathExpression, { startTime: ctx.startTime - shift, endTime: ctx.endTime - shift })));
    }
    return out;
  },
};
const broken: RenderFunction = { name: 'broken', group: 'Special', description: '', params: [], run: () => { throw new Error('bug'); } };

/** every function run, in order, to tell reads made before evaluation from reads made during it */
const log: string[] = [];
/** reads its argument again from `seconds` earlier, as movingAverage(x, "5min") does */
const lookBack = defineFunction({
  name: 'lookBack',
  group: 'Calculate',
  description: '',
  params: [param.seriesList('seriesList', { required: true }), param.integer('seconds', { required: true })],
  refetch: ({ seconds }, range) => [{ startTime: range.startTime - seconds, endTime: range.endTime }],
  run(_ctx, { seriesList, seconds }, [wider]) {
    log.push(`lookBack ${seconds}`);
    // where the argument starts over the call's range, and over the wider one
    return wider.map((s, i) => s.copy({ name: `lookBack(${s.name})`, values: Float64Array.of(seriesList[i].start, s.start) }));
  },
});
/** reads its argument again over a range shifted back, as timeShift(x, "10min") does */
const shift = defineFunction({
  name: 'shift',
  group: 'Transform',
  description: '',
  params: [param.seriesList('seriesList', { required: true }), param.integer('seconds', { required: true })],
  refetch: ({ seconds }, range) => [{ startTime: range.startTime - seconds, endTime: range.endTime - seconds }],
  run(_ctx, _args, [shifted]) {
    log.push('shift');
    return shifted;
  },
});
/** a window of points, as movingAverage(x, 5): the look-back needs the step of its argument */
const pointsBack = defineFunction({
  name: 'pointsBack',
  group: 'Calculate',
  description: '',
  params: [param.seriesList('seriesList', { required: true }), param.integer('points', { required: true })],
  refetch: ({ points }, range, input) => [{ startTime: range.startTime - points * input.maxStep(), endTime: range.endTime }],
  run(_ctx, _args, [wider]) {
    log.push('pointsBack');
    return wider;
  },
});

/** evaluates a target built from each of its series over the same range, as applyByNode does */
const rebuild = defineFunction({
  name: 'rebuild',
  group: 'Combine',
  description: '',
  params: [param.seriesList('seriesList', { required: true })],
  evaluatesTargets: true,
  async run(ctx, { seriesList }) {
    const out = [...seriesList];
    for (const s of seriesList) out.push(...(await ctx.evaluate(`scale(${s.name.slice('scale('.length, s.name.indexOf(','))}, 10)`)));
    return out;
  },
});

const rc: RequestContext = { startTime: 1000, endTime: 1030, now: 1030, tz: 'UTC', xFilesFactor: 0, templates: {}, localOnly: false };
const limits = { maxSeries: 100, maxPoints: 1000, timeoutMs: 60_000 };
function evaluator(data: Memory, l = limits, fetchConcurrency?: number, fetchBatchSize?: number) {
  return new Evaluator({ index: data, reader: data, functions: new Map([scale, alias, shiftBack, broken, lookBack, shift, pointsBack, rebuild].map((f) => [f.name, f as RenderFunction])), limits: l, fetchConcurrency, fetchBatchSize });
}
const data = () => new Memory({ 'a.x': [1, 2, 3], 'a.y': [4, 5, 6], 'b.z': [7, NaN, 9] });
const names = (s: Series[]) => s.map((x) => x.name);
const values = (s: Series[]) => s.map((x) => [...x.values]);

test('paths fetch their leaves sorted by name, targets keep their order, pathExpression is the expression', async () => {
  const out = await evaluator(data()).evaluate(['b.*', 'a.*'], rc);
  assert.deepEqual(names(out), ['b.z', 'a.x', 'a.y']);
  assert.deepEqual(out.map((s) => s.pathExpression), ['b.*', 'a.*', 'a.*']);
  assert.deepEqual(out[0].tags, { name: 'b.z' });
  assert.deepEqual(values(out)[0].map((v) => (Number.isNaN(v) ? null : v)), [7, null, 9]);
});

test('pipes evaluate as nesting', async () => {
  const piped = await evaluator(data()).evaluate(['a.x|scale(2)|alias("doubled")'], rc);
  const nested = await evaluator(data()).evaluate(['alias(scale(a.x, 2), "doubled")'], rc);
  assert.deepEqual(names(piped), ['doubled']);
  assert.deepEqual(values(piped), [[2, 4, 6]]);
  assert.deepEqual(values(piped), values(nested));
});

test('a series used twice is read once, and a function writing into one use leaves the other whole', async () => {
  const d = data();
  const out = await evaluator(d).evaluate(['scale(a.x, 10)', 'a.x'], rc);
  assert.deepEqual(values(out), [[10, 20, 30], [1, 2, 3]]);
  assert.equal(d.fetches.filter((f) => f.name === 'a.x').length, 1);
});

test('two globs matching the same series read it once, and each gets whole values', async () => {
  const d = data();
  const out = await evaluator(d).evaluate(['scale(a.*, 10)', 'a.x', 'scale(a.[xy], 2)'], rc);
  assert.deepEqual(values(out), [[10, 20, 30], [40, 50, 60], [1, 2, 3], [2, 4, 6], [8, 10, 12]]);
  assert.deepEqual(reads(d), ['a.x 1000..1030', 'a.y 1000..1030']);
});

test('template() fills $names from its values and from template[...] parameters, a lone $name is the value', async () => {
  const e = evaluator(data());
  assert.deepEqual(names(await e.evaluate(['template(a.$leaf, leaf="y")'], rc)), ['a.y']);
  assert.deepEqual(names(await e.evaluate(['template($1.$2, "b", "z")'], rc)), ['b.z']);
  assert.deepEqual(names(await e.evaluate(['template(a.$leaf, leaf="y")'], { ...rc, templates: { leaf: 'x' } })), ['a.x']);
  assert.deepEqual(values(await e.evaluate(['template(scale(a.x, $f), f=3)'], rc)), [[3, 6, 9]]);
  assert.deepEqual(values(await e.evaluate(['template(scale(a.x, $f))'], { ...rc, templates: { f: '0.5' } })), [[0.5, 1, 1.5]]);
});

test('functions may evaluate again over another time range', async () => {
  const d = data();
  const out = await evaluator(d).evaluate(['shiftBack(a.x, 600)'], rc);
  assert.equal(out.length, 1);
  assert.deepEqual(d.fetches.map((f) => [f.name, f.from, f.until]), [['a.x', 1000, 1030], ['a.x', 400, 430]]);
});

test('unknown functions, bad arguments and tag queries without a tag index are input errors', async () => {
  const e = evaluator(data());
  await assert.rejects(e.evaluate(['nope(a.x)'], rc), (err: Error) => err instanceof InputError && /unknown function: nope/.test(err.message));
  await assert.rejects(e.evaluate(['scale(a.x, "lots")'], rc), (err: Error) => err instanceof InputError && /parameter "factor"/.test(err.message));
  await assert.rejects(e.evaluate(["seriesByTag('dc=eu')"], rc), (err: Error) => err instanceof InputError && /seriesByTag/.test(err.message));
  await assert.rejects(e.evaluate(['a.x)'], rc), (err: Error) => err instanceof InputError && /position 3/.test(err.message));
  await assert.rejects(e.evaluate(['broken()'], rc), (err: Error) => !(err instanceof InputError) && err.message === 'bug');
});

test('caps on series, points and time fail with the setting named', async () => {
  await assert.rejects(evaluator(data(), { ...limits, maxSeries: 2 }).evaluate(['a.*', 'b.*'], rc), (err: Error) => err instanceof RenderLimitError && /more than 2 series/.test(err.message) && /limits\.render\.maxSeries/.test(err.message));
  await assert.rejects(evaluator(data(), { ...limits, maxPoints: 5 }).evaluate(['a.*'], rc), (err: Error) => err instanceof RenderLimitError && /limits\.render\.maxPoints/.test(err.message));
  const slow = new Memory({ 'a.x': [1], 'a.y': [2], 'a.z': [3] }, 50);
  await assert.rejects(evaluator(slow, { ...limits, timeoutMs: 1 }, 1).evaluate(['a.*'], rc), (err: Error) => err instanceof RenderLimitError && /limits\.render\.timeoutMs/.test(err.message));
  // the same series twice counts once
  assert.equal((await evaluator(data(), { ...limits, maxSeries: 1 }).evaluate(['b.z', 'b.*'], rc)).length, 2);
});

test('reads go in batches of series (one round trip each), batches concurrently, never more than the bound at once', async () => {
  const many: Record<string, number[]> = {};
  for (let i = 0; i < 40; i++) many[`m.s${i}`] = [i];
  const d = new Memory(many, 2);
  const out = await evaluator(d, limits, 3, 5).evaluate(['m.*'], rc);
  assert.equal(out.length, 40);
  assert.equal(d.batches.length, 8);
  assert.ok(d.batches.every((b) => b.length === 5));
  assert.deepEqual(d.batches.flat().sort(), Object.keys(many).sort());
  assert.ok(d.maxBatchesInFlight > 1 && d.maxBatchesInFlight <= 3, `max in flight ${d.maxBatchesInFlight}`);
});

const reads = (d: Memory) => d.fetches.map((f) => `${f.name} ${f.from}..${f.until}`).sort();

test('the planner fetches every range a nested refetch needs once, before any function runs', async () => {
  const d = data();
  const original = d.fetch.bind(d);
  d.fetch = async (name, from, until) => {
    log.push('read');
    return original(name, from, until);
  };
  log.length = 0;
  const out = await evaluator(d).evaluate(['lookBack(shift(a.*, 600), 30)', 'shift(a.x, 600)', 'a.x'], rc);
  // a.* over the request, shifted, looked back, and looked back then shifted
  const ranges = ['1000..1030', '400..430', '970..1030', '370..430'];
  assert.deepEqual(reads(d), ranges.flatMap((r) => [`a.x ${r}`, `a.y ${r}`]).sort());
  const firstRun = log.findIndex((e) => e !== 'read');
  assert.ok(firstRun > 0 && log.slice(firstRun).every((e) => e !== 'read'), log.join(', '));
  assert.deepEqual(log.slice(firstRun), ['shift', 'shift', 'lookBack 30', 'shift']);
  // lookBack's argument is shift's answer: over the request range shifted, and over the look-back shifted
  assert.deepEqual(values(out.slice(0, 2)), [[400, 370], [400, 370]]);
});

test('a window of points plans its look-back from the step of its evaluated argument, reading it once', async () => {
  const d = data();
  const out = await evaluator(d).evaluate(['pointsBack(shift(a.x, 600), 2)', 'pointsBack(a.x, 2)', 'pointsBack(a.x, 2)'], rc);
  assert.equal(out.length, 3);
  // step 10: two points are 20 s; shift's own ranges within it
  assert.deepEqual(reads(d), ['a.x 1000..1030', 'a.x 400..430', 'a.x 980..1030', 'a.x 380..430'].sort());
});

test('a series read twice over the same range by two refetching calls is read once, and each use gets whole values', async () => {
  const d = data();
  const out = await evaluator(d).evaluate(['scale(lookBack(a.x, 30), 2)', 'lookBack(a.x, 30)', 'scale(a.x, 3)', 'a.x'], rc);
  assert.deepEqual(reads(d), ['a.x 1000..1030', 'a.x 970..1030']);
  assert.deepEqual(values(out), [[2000, 1940], [1000, 970], [3, 6, 9], [1, 2, 3]]);
});

test('a refetching call whose series is given only by keyword reads nothing again, as graphite-web', async () => {
  const d = data();
  assert.deepEqual(await evaluator(d).evaluate(['lookBack(seriesList=a.x, seconds=30)'], rc), []);
  assert.deepEqual(reads(d), ['a.x 1000..1030']);
});

test('the series of a function that evaluates targets of its own are read once, and the targets it builds get whole values', async () => {
  const d = data();
  const out = await evaluator(d).evaluate(['rebuild(scale(a.*, 2))'], rc);
  assert.deepEqual(names(out), ['scale(a.x,2)', 'scale(a.y,2)', 'scale(a.x,10)', 'scale(a.y,10)']);
  assert.deepEqual(values(out), [[2, 4, 6], [8, 10, 12], [10, 20, 30], [40, 50, 60]]);
  assert.deepEqual(reads(d), ['a.x 1000..1030', 'a.y 1000..1030']);
});

test('the finds of many targets start a slice of the loop at a time, not all in one turn', async () => {
  /** an index whose find holds the loop 3 ms before answering, and notes the turn of the loop it started in */
  class SlowFind extends Memory {
    turns: number[] = [];
    turn = 0;
    override async *find(pattern: string): AsyncIterable<MetricNode> {
      this.turns.push(this.turn);
      const until = performance.now() + 3;
      while (performance.now() < until);
      yield* super.find(pattern);
    }
  }
  const many: Record<string, number[]> = {};
  for (let i = 0; i < 30; i++) many[`m.s${i}`] = [i];
  const d = new SlowFind(many);
  let counting = true;
  const countTurns = () => {
    d.turn++;
    if (counting) setImmediate(countTurns);
  };
  setImmediate(countTurns);
  try {
    const out = await evaluator(d).evaluate(Object.keys(many), rc, new WorkSlicer(undefined, 8));
    assert.equal(out.length, 30);
  } finally {
    counting = false;
  }
  const perTurn = new Map<number, number>();
  for (const t of d.turns) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
  // 3 ms each in a slice of 8 ms: at most 3 finds fit, and a 4th may start as the slice ends
  assert.ok(Math.max(...perTurn.values()) <= 4, `finds started per turn: ${[...perTurn.values()].join(' ')}`);
});
