import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { openStorage } from '../ingest/engine/helpers.js';
import { assertJsonClose } from '../helpers/compare.js';

// graphite-web 1.1.8's answers (test/fixtures/engine/*.json, captured by capture.mjs there) for
// plain series over the oracle's golden data, which is ingested here with the same storage rules.
const FIXTURES = 'test/fixtures/engine';
const ORACLE = 'test/fixtures/oracle';
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
  let st: Awaited<ReturnType<typeof openStorage>>;
  before(async () => {
    st = await openStorage({ storageSchemas: `${ORACLE}/storage-schemas.conf`, storageAggregation: `${ORACLE}/storage-aggregation.conf` }, NOW);
    const lines = createInterface({ input: createReadStream(`${ORACLE}/sample-points.txt.gz`).pipe(createGunzip()) });
    let n = 0;
    for await (const line of lines) {
      const [name, value, ts] = line.split(' ');
      st.engine.write(name, Number(value), Number(ts));
      if (++n % 1000 === 0) st.engine.commit();
    }
    st.engine.commit();
    assert.equal(n, 444880);
  });
  after(async () => {
    await st.destroy();
  });

  const check = async (stage: string) => {
    for (const c of cases) {
      const expected = JSON.parse(readFileSync(`${FIXTURES}/${c.name}.json`, 'utf8')) as Array<{ target: string; tags: Record<string, string>; datapoints: Array<[number | null, number]> }>;
      const r = await st.reader.fetch(c.target, timeOf(c.from), timeOf(c.until), NOW);
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
    const outcome = await st.engine.flush();
    assert.ok(outcome.chunks > 0);
    await check('mixed');
  });

  it('after a restart (everything stored)', async () => {
    await st.reopen();
    await check('stored');
  });
});
