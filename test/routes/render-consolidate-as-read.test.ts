import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startGoldenApp, type GoldenApp } from '../helpers/golden-app.js';

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
