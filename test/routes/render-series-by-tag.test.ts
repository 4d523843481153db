import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp } from '../helpers/app.js';
import { ManualClock } from '../../src/lib/clock.js';

// seriesByTag wherever a target may stand (alone, nested, piped, inside template, as the
// argument a function evaluates again), its errors and its bound, through the whole app.

const NOW = 1_800_000_000;

test('seriesByTag stands wherever a target may, and is bounded like any fetch', async () => {
  const t = await startTestApp({ retentions: [{ name: 'all', pattern: '.*', retentions: '60s:1d' }], limits: { render: { maxSeries: 3 } } }, new ManualClock(NOW * 1000));
  try {
    const lines: string[] = [];
    for (const [host, dc] of [['web01', 'eu'], ['web02', 'eu'], ['web03', 'us'], ['web04', 'us']]) {
      for (let i = 0; i < 10; i++) lines.push(`cpu.load;host=${host};dc=${dc} ${i} ${NOW - 600 + i * 60}`);
    }
    assert.equal((await fetch(`${t.url}/ingest`, { method: 'POST', body: lines.join('\n') })).status, 200);
    await t.app.storage.engine.flush();
    const render = async (target: string) => {
      const res = await fetch(`${t.url}/render?target=${encodeURIComponent(target)}&format=json&from=${NOW - 600}&until=${NOW}`);
      return { status: res.status, body: await res.text() };
    };
    const targets = async (target: string) => {
      const r = await render(target);
      assert.equal(r.status, 200, `${target}: ${r.body}`);
      return (JSON.parse(r.body) as Array<{ target: string; tags: Record<string, string> }>).map((s) => [s.target, s.tags]);
    };

    assert.deepEqual(await targets("seriesByTag('dc=eu')"), [
      ['cpu.load;dc=eu;host=web01', { dc: 'eu', host: 'web01', name: 'cpu.load' }],
      ['cpu.load;dc=eu;host=web02', { dc: 'eu', host: 'web02', name: 'cpu.load' }],
    ]);
    assert.deepEqual((await targets("sumSeries(seriesByTag('dc=us'))")).map(([n]) => n), ["sumSeries(seriesByTag('dc=us'))"]);
    assert.deepEqual((await targets("seriesByTag('dc=us')|aliasByNode(0)")).map(([n]) => n), ['cpu', 'cpu']);
    // graphite-web fetches a seriesByTag call by its raw text: template values do not reach inside
    assert.deepEqual(await targets("template(seriesByTag('host=$h'), h='web03')"), []);
    assert.deepEqual((await targets("template(sumSeries(seriesByTag('host=web03'), cpu.load;dc=us;host=$h), h='web04')")).map(([n]) => n), [
      "sumSeries(seriesByTag('host=web03'),cpu.load;dc=us;host=web04)",
    ]);
    assert.deepEqual((await targets("movingAverage(seriesByTag('host=web04'), 2)")).map(([n]) => n), ['movingAverage(cpu.load;dc=us;host=web04,2)']);

    // graphite-web's messages, as 400s; past the render's series cap, its 422
    const none = await render('seriesByTag()');
    assert.equal(none.status, 400);
    assert.match(none.body, /At least one tagspec must not match the empty string/);
    const bad = await render("seriesByTag('dc=~(')");
    assert.equal(bad.status, 400);
    assert.match(bad.body, /invalid regular expression/);
    const many = await render("seriesByTag('name=cpu.load')");
    assert.equal(many.status, 422);
    assert.match(many.body, /more than 3 series.*limits\.render\.maxSeries/);
  } finally {
    await t.destroy();
  }
});
