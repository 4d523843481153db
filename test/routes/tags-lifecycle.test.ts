import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp } from '../helpers/app.js';
import { ManualClock } from '../../src/lib/clock.js';

// The tag index kept in step with the life of series through the whole app: ingest, the tag
// API's and carbyne's removals, the removal of dead series, a restart.

const NOW = 1_800_000_000;
const RULES = { retentions: [{ name: 'short', pattern: '.*', retentions: '10s:1h' }], flush: { deadSeriesIntervalMs: 0 } };

async function json(url: string, init?: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  assert.equal(res.status, 200, `${url}: ${res.status}`);
  return res.json();
}

const form = (pairs: Array<[string, string]>): RequestInit => ({
  method: 'POST',
  body: new URLSearchParams(pairs).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

test('series written, deleted, expired and reloaded are found by tag exactly while they exist', async () => {
  const clock = new ManualClock(NOW * 1000);
  let t = await startTestApp(RULES, clock);
  const find = (expr: string) => json(`${t.url}/tags/findSeries?expr=${encodeURIComponent(expr)}`);
  const ingest = async (lines: string[]) => {
    const res = await fetch(`${t.url}/ingest`, { method: 'POST', body: lines.join('\n') });
    assert.equal(res.status, 200);
    // registration in the index follows the commit: a flush round waits for it
    await t.app.storage.engine.flush();
  };
  try {
    await ingest([`disk.used;host=web01;dc=eu 1 ${NOW}`, `disk.used;dc=us;host=web02 2 ${NOW}`, `cpu.load;host=web01;dc=eu 3 ${NOW}`]);
    assert.deepEqual(await find('dc=eu'), ['cpu.load;dc=eu;host=web01', 'disk.used;dc=eu;host=web01']);
    assert.deepEqual(await json(`${t.url}/tags/autoComplete/values?tag=host`), ['web01', 'web02']);

    // the tag API's removal is the engine's: the data goes too
    assert.equal(await json(`${t.url}/tags/delSeries`, form([['path', 'disk.used;host=web01;dc=eu']])), true);
    assert.deepEqual(await find('dc=eu'), ['cpu.load;dc=eu;host=web01']);
    const render = await json(`${t.url}/render?target=${encodeURIComponent("seriesByTag('name=disk.used')")}&format=json&from=${NOW - 600}&until=${NOW}`);
    assert.deepEqual((render as Array<{ target: string }>).map((s) => s.target), ['disk.used;dc=us;host=web02']);

    // carbyne series delete (its route) by exact tagged name
    assert.deepEqual(await json(`${t.url}/series/delete`, form([['pattern', 'disk.used;host=web02;dc=us']])), { series: ['disk.used;dc=us;host=web02'], deleted: 1 });
    assert.deepEqual(await find('name=disk.used'), []);
    // graphite-web keeps a tag whose series are gone: still listed, without values
    assert.deepEqual(await json(`${t.url}/tags/autoComplete/values?tag=host`), ['web01']);

    // written again: a new series, found again
    await ingest([`disk.used;dc=eu;host=web01 4 ${NOW + 10}`]);
    assert.deepEqual(await find('dc=eu'), ['cpu.load;dc=eu;host=web01', 'disk.used;dc=eu;host=web01']);

    // a restart reloads the index as it was
    await t.close();
    t = await startTestApp({ ...RULES, dataDir: t.dataDir }, clock);
    assert.deepEqual(await find('dc=eu'), ['cpu.load;dc=eu;host=web01', 'disk.used;dc=eu;host=web01']);

    // past their longest retention and an hour, series with no point are removed, from the tag index too
    clock.advance(3 * 3600);
    await ingest([`cpu.load;host=web01;dc=eu 5 ${NOW + 3 * 3600}`]);
    assert.equal(await t.app.storage.engine.removeDeadSeries(), 1);
    assert.deepEqual(await find('dc=eu'), ['cpu.load;dc=eu;host=web01']);
    assert.deepEqual(await json(`${t.url}/tags/autoComplete/tags?expr=${encodeURIComponent('name=~.')}`), ['dc', 'host']);
    assert.deepEqual(await json(`${t.url}/tags`), [
      // carbon registers normalised names: tags sorted, name last
      { id: 1, tag: 'dc' },
      { id: 2, tag: 'host' },
      { id: 3, tag: 'name' },
    ]);
  } finally {
    await t.destroy();
  }
});
