import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startGoldenApp, type GoldenApp } from '../helpers/golden-app.js';
import { GOLDEN_NOW } from '../helpers/golden-data.js';
import { assertJsonClose } from '../helpers/compare.js';

// graphite-web 1.1.8's answers (test/fixtures/engine/*.json, captured by capture.mjs there) for
// plain series over the oracle's golden data, read here through the app's SeriesReader.
const FIXTURES = 'test/fixtures/engine';
const { now: NOW, cases } = JSON.parse(readFileSync(`${FIXTURES}/cases.json`, 'utf8')) as {
  now: number;
  cases: Array<{ name: string; target: string; from: string; until?: string }>;
};

const UNITS: Record<string, number> = { min: 60, h: 3600, d: 86400 };
/** The few time forms cases.json uses: `-<n><min|h|d>` relative to now, or epoch seconds. */
function timeOf(text: string | undefined): number {
  if (text === undefined) return NOW;
  const m = /^-(\d+)(min|h|d)$/.exec(text);
  if (m) return NOW - Number(m[1]) * UNITS[m[2]];
  assert.match(text, /^\d+$/);
  return Number(text);
}

describe('reads match graphite-web 1.1.8 on the golden data', () => {
  let golden: GoldenApp;
  before(async () => {
    assert.equal(NOW, GOLDEN_NOW);
    golden = await startGoldenApp();
    assert.equal(golden.points, 444880);
  });
  after(() => golden.destroy());

  const check = async (stage: string) => {
    for (const c of cases) {
      const expected = JSON.parse(readFileSync(`${FIXTURES}/${c.name}.json`, 'utf8')) as Array<{ target: string; tags: Record<string, string>; datapoints: Array<[number | null, number]> }>;
      const r = await golden.app.seriesReader.fetch(c.target, timeOf(c.from), timeOf(c.until), NOW);
      const actual =
        r === null
          ? []
          : [{ target: r.name, tags: r.tags, datapoints: Array.from(r.values, (v, i) => [Number.isNaN(v) ? null : v, r.start + i * r.step]) }];
      try {
        assertJsonClose(actual, expected);
      } catch (err) {
        throw new Error(`${stage}: ${c.name}: ${(err as Error).message}`);
      }
    }
  };

  it('with everything hot', () => check('hot'));

  it('after the closed windows are flushed (stored and hot merged)', async () => {
    await golden.flushClosedWindows();
    await check('mixed');
  });

  it('after a restart (everything stored)', async () => {
    await golden.restart();
    assert.equal(golden.app.storage.engine.hotBytes(), 0);
    await check('stored');
  });
});
