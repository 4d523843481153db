import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startGoldenApp, type GoldenApp } from '../helpers/golden-app.js';
import { CONSOLIDATE_DATA } from '../helpers/golden-data.js';
import { assertSameAnswer, readCaptureIndex } from '../helpers/render-compare.js';
import { CONSOLIDATE_CASES, CONSOLIDATE_NOW, type ConsolidateCase } from '../fixtures/consolidate/cases.js';
import { Evaluator } from '../../src/render/evaluator/evaluator.js';
import { functionMap } from '../../src/render/function-map.js';
import { RENDER_FUNCTIONS } from '../../src/render/functions/index.js';
import { parseRenderOptions } from '../../src/render/options.js';
import { Params } from '../../src/routes/params.js';
import type { MetricIndex } from '../../src/finders/metric-index.js';
import type { TagIndex } from '../../src/finders/tag-index.js';

/**
 * json with maxDataPoints consolidates the series of bare path targets as they are read (the
 * fetcher's consolidateAsRead); wrapped in a function that leaves them as they are, they are
 * consolidated when the answer is written. Both must give the same answer, byte for byte
 * (test/routes/render.golden.test.ts compares the bare form with graphite-web's own answers).
 */
const NOW = 1795316580;
let t: GoldenApp;
before(async () => {
  t = await startGoldenApp();
});
after(() => t.destroy());

async function json(query: string): Promise<string> {
  const res = await fetch(`${t.url}/render?${query}&format=json&now=${NOW}`);
  const body = await res.text();
  assert.equal(res.status, 200, body);
  return body;
}

test('series consolidated as they are read answer as series consolidated when written', async () => {
  // mixed steps (1 s, 10 s, 60 s), nulls, series of different ranges, a glob and two paths
  const targets = ['servers.*.cpu.*', 'apps.api.requests.count', 'apps.api.requests.errors', 'servers.web01.memory.used'];
  const bare = targets.map((x) => `target=${encodeURIComponent(x)}`).join('&');
  const wrapped = `target=${encodeURIComponent(`group(${targets.join(',')})`)}`;
  let compared = 0;
  for (const from of ['-10min', '-2h', '-1d']) {
    for (const mdp of [1, 2, 7, 17, 100, 1000]) {
      for (const extra of ['', '&xFilesFactor=0.5', '&noNullPoints=1']) {
        const q = `from=${from}&maxDataPoints=${mdp}${extra}`;
        const a = await json(`${bare}&${q}`);
        assert.equal(a, await json(`${wrapped}&${q}`), q);
        assert.ok(a.length > 2, `${q}: an answer with series`);
        compared++;
      }
    }
  }
  assert.equal(compared, 54);
});

/**
 * Short series far apart in time (1 s for ten minutes, 10 s for a day, 60 s for two hours, 1 h
 * for 30 days), series with no point in the range, ranges shorter than maxDataPoints, ranges
 * past some series' retention, maxDataPoints 1, seriesByTag, and a function beside bare paths
 * (test/fixtures/consolidate: cases.ts lists them, capture.ts asked graphite-web 1.1.8).
 *
 * When the first bucket's nudge would drop more values than a series holds, graphite-web fails
 * with a 500 (`del series[0]` on an empty list); carbyne lists that series with no points
 * (docs/render-functions.md, known differences). Read as read or whole, the answer is the same.
 */
describe('short series far apart', () => {
  const DIR = 'test/fixtures/consolidate';
  const index = readCaptureIndex(DIR);
  let c: GoldenApp;
  before(async () => {
    assert.equal(index.now, CONSOLIDATE_DATA.now);
    c = await startGoldenApp({ data: CONSOLIDATE_DATA });
  });
  after(() => c.destroy());

  async function answer(query: string): Promise<{ status: number; contentType: string; body: Buffer }> {
    const res = await fetch(`${c.url}/render?${query}`);
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
  }

  /** a case's request with every target wrapped in group(): consolidated only when written */
  function wrapped(k: ConsolidateCase): string {
    const params = new URLSearchParams(k.query);
    params.delete('target');
    return `target=${encodeURIComponent(`group(${k.targets.join(',')})`)}&${params.toString()}`;
  }

  type JsonSeries = { target: string; datapoints: Array<[number | null, number]> };

  /**
   * A case graphite-web failed: every series the request matches is listed, in order, and one
   * at least has lost every point to the nudge; with noNullPoints, the same answer less its null
   * points and the series left with none.
   */
  async function checkListedEmpty(k: ConsolidateCase, body: Buffer): Promise<void> {
    const ours = JSON.parse(body.toString('utf8')) as JsonSeries[];
    const params = new URLSearchParams(k.query);
    const mdp = params.get('maxDataPoints');
    params.delete('maxDataPoints');
    const names = (JSON.parse((await answer(params.toString())).body.toString('utf8')) as JsonSeries[]).map((s) => s.target);
    if (!params.has('noNullPoints')) {
      assert.deepEqual(
        ours.map((s) => s.target),
        names,
        `${k.name}: every series listed`,
      );
      assert.ok(
        ours.some((s) => s.datapoints.length === 0),
        `${k.name}: a series the nudge emptied`,
      );
      return;
    }
    params.delete('noNullPoints');
    params.set('maxDataPoints', mdp!);
    const all = JSON.parse((await answer(params.toString())).body.toString('utf8')) as JsonSeries[];
    const kept = all.map((s) => ({ ...s, datapoints: s.datapoints.filter((p) => p[0] !== null) })).filter((s) => s.datapoints.length > 0);
    assert.deepEqual(ours, kept, `${k.name}: the answer without noNullPoints, less its nulls`);
  }

  async function checkAll(): Promise<void> {
    let compared = 0;
    let failedThere = 0;
    for (const k of CONSOLIDATE_CASES) {
      const captured = index.requests[k.name];
      assert.equal(captured.query, k.query, `${k.name}: captured as cases.ts asks it`);
      const ours = await answer(k.query);
      assert.equal(ours.status, 200, `${k.name}: ${ours.body.toString('utf8').slice(0, 300)}`);
      // the same series consolidated when the answer is written (no read is consolidated then)
      if (k.bare) assert.equal(ours.body.toString('utf8'), (await answer(wrapped(k))).body.toString('utf8'), `${k.name}: as read = as written`);
      if (captured.file === null) {
        assert.equal(captured.status, 500, k.name);
        await checkListedEmpty(k, ours.body);
        failedThere++;
      } else {
        assertSameAnswer(k.name, ours, { status: captured.status, contentType: captured.contentType, body: readFileSync(`${DIR}/${captured.file}`) });
        compared++;
      }
    }
    // both kinds are there in numbers
    assert.equal(compared + failedThere, CONSOLIDATE_CASES.length);
    assert.ok(compared >= 200 && failedThere >= 80, `${compared} compared, ${failedThere} failed in graphite-web`);
  }

  test('json with maxDataPoints answers as graphite-web, and as read as when written, from hot chunks', () => checkAll());

  test('json with maxDataPoints answers as graphite-web, and as read as when written, from the store', async () => {
    await c.persist();
    await checkAll();
  });

  /** the series a request's targets evaluate to, consolidated as read to `mdp` where the evaluator does */
  async function evaluated(targets: readonly string[], range: string, mdp: number) {
    // every backend's index answers seriesByTag too (src/app/backends.ts)
    const tagIndex = c.app.index as MetricIndex & Partial<TagIndex>;
    assert.equal(typeof tagIndex.findSeries, 'function');
    const evaluator = new Evaluator({ index: c.app.index, tagIndex: tagIndex as TagIndex, reader: c.app.storage.reader, functions: functionMap(RENDER_FUNCTIONS), limits: c.app.config.limits.render });
    const query = `${targets.map((x) => `target=${encodeURIComponent(x)}`).join('&')}&${range}&now=${CONSOLIDATE_NOW}`;
    const opts = parseRenderOptions(Params.fromString(query), CONSOLIDATE_NOW);
    return evaluator.evaluate(opts.targets, opts.context, undefined, { consolidateTo: mdp });
  }

  test('only bare paths and seriesByTag are consolidated as read; a function anywhere in the request leaves every read raw', async () => {
    const raw = new Map((await evaluated(['cons.*.*', "seriesByTag('kind=tail')"], 'from=-1d', 100000)).map((s) => [s.name, s.step]));
    assert.equal(raw.size, 8);
    const asRead = await evaluated(['cons.*.*', "seriesByTag('kind=tail')"], 'from=-1d', 7);
    assert.equal(asRead.length, 8);
    for (const s of asRead) {
      assert.equal(s.valuesPerPoint, 1, s.name);
      // over a day every series has more than 7 points (the 1 h one 24): every step grows
      assert.ok(s.step > raw.get(s.name)!, `${s.name}: step ${s.step} consolidated from ${raw.get(s.name)}`);
      assert.ok(s.values.length <= 7, `${s.name}: ${s.values.length} points`);
    }
    for (const targets of [['alias(cons.fine.head,"x")', 'cons.*.*'], ['cons.*.*', 'group(cons.hour.sparse)']]) {
      for (const s of await evaluated(targets, 'from=-1d', 7)) {
        assert.equal(s.valuesPerPoint, 1, s.name);
        assert.equal(s.step, raw.get(s.name === 'x' ? 'cons.fine.head' : s.name), `${targets.join(' ')}: ${s.name} read raw`);
      }
    }
  });
});
