import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTags, Series } from '../../src/render/series.js';

test("a series' tags come from its name as graphite-web's TimeSeries parses them", () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['a.b.c', { name: 'a.b.c' }],
    ['cpu.load;dc=eu;host=web01', { dc: 'eu', host: 'web01', name: 'cpu.load' }],
    // graphite's parse: the last of a repeated tag, `~` off the metric, the OpenMetrics form
    ['m;b=1;a=2;b=3', { b: '3', a: '2', name: 'm' }],
    ['~m.x;k=v', { k: 'v', name: 'm.x' }],
    ['~m.x', { name: 'm.x' }],
    ['m{job="api",x="1"}', { job: 'api', x: '1', name: 'm' }],
    // a name that looks like a function call keeps only `name`; one with `(` elsewhere is parsed
    ['sumSeries(cpu.load;dc=eu)', { name: 'sumSeries(cpu.load;dc=eu)' }],
    ['alias;x=a(b)', { x: 'a(b)', name: 'alias' }],
    // a name graphite cannot parse keeps only `name`
    ['m;k=~v', { name: 'm;k=~v' }],
    ['m;k', { name: 'm;k' }],
  ];
  for (const [name, tags] of cases) {
    assert.deepEqual(parseTags(name), tags, name);
    assert.deepEqual(Object.keys(parseTags(name)), Object.keys(tags), `${name}: graphite's key order`);
    assert.deepEqual(new Series(name, 0, 60, 60, new Float64Array(1)).tags, tags, name);
  }
});
