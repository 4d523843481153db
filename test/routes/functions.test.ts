import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startTestApp } from '../helpers/app.js';
import { RENDER_FUNCTIONS } from '../../src/render/functions/index.js';
import { AGG_FUNC_NAMES } from '../../src/render/functions/lib/safe.js';

interface Info {
  name: string;
  function: string;
  description: string;
  module: string;
  group: string;
  params: Record<string, unknown>[];
}

/** graphite-web 1.1.8 wrote keepLastValue's default as a bare Infinity, which JSON.parse refuses */
const readOracle = (file: string) => JSON.parse(readFileSync(`test/fixtures/functions/${file}`, 'utf8').replace(/: Infinity\}/g, ': 1e9999}'));
const oracle = readOracle('functions.json') as Record<string, Info>;
const oracleGrouped = readOracle('functions_grouped.json') as Record<string, Record<string, Info>>;
const ours = new Set(RENDER_FUNCTIONS.map((f) => f.name));

/** graphite-web lists callbacks and options of functions carbyne does not have yet; those are left out of the comparison */
function comparable(param: Record<string, unknown>): Record<string, unknown> {
  const p = { ...param };
  if (p.type === 'aggOrSeriesFunc' && Array.isArray(p.options)) p.options = p.options.filter((o: string) => (AGG_FUNC_NAMES as readonly string[]).includes(o) || ours.has(o));
  return p;
}

async function withApp(fn: (url: string) => Promise<void>) {
  const t = await startTestApp();
  try {
    await fn(t.url);
  } finally {
    await t.destroy();
  }
}

test('GET /functions lists our functions in graphite-web order and shape, params identical to graphite-web 1.1.8', () =>
  withApp(async (url) => {
    const res = await fetch(`${url}/functions`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const text = await res.text();
    assert.doesNotMatch(text, /Infinity|NaN/, 'no bare Infinity or NaN');
    const body = JSON.parse(text) as Record<string, Info>;
    assert.deepEqual(Object.keys(body), Object.keys(oracle).filter((n) => ours.has(n)), 'same names, same order as graphite-web');
    for (const [name, info] of Object.entries(body)) {
      const expected = oracle[name];
      assert.deepEqual(Object.keys(info), Object.keys(expected), `${name}: keys`);
      assert.equal(info.name, name);
      assert.equal(info.group, expected.group, `${name}: group`);
      assert.equal(info.module, expected.module, `${name}: module`);
      assert.ok(info.description.length > 20, `${name}: a description`);
      assert.notEqual(info.description, expected.description, `${name}: our own words`);
      assert.deepEqual(info.params.map(comparable), expected.params.map(comparable), `${name}: params`);
    }
  }));

test('the signature text is graphite-web\'s, also where it names a parameter differently from its params', () =>
  withApp(async (url) => {
    const body = (await (await fetch(`${url}/functions`)).json()) as Record<string, Info>;
    assert.deepEqual(Object.keys(body).filter((n) => body[n].function !== oracle[n].function), []);
    // graphite-web documents the parameters as valuesTypes / alignDst, its Python arguments are valueTypes / alignDST
    assert.equal(body.legendValue.function, 'legendValue(seriesList, *valueTypes)');
    assert.equal(body.timeShift.params[3].name, 'alignDst');
    assert.equal(body.keepLastValue.function, 'keepLastValue(seriesList, limit=inf)');
    assert.equal(body.asPercent.function, 'asPercent(seriesList, total=None, *nodes)');
  }));

test('keepLastValue default is 1e9999, not a bare Infinity', () =>
  withApp(async (url) => {
    const text = await (await fetch(`${url}/functions/keepLastValue`)).text();
    assert.match(text, /"default": 1e9999\}/);
    assert.equal((JSON.parse(text) as Info).params[1].default, Infinity);
  }));

test('grouped=1 and grouped=true nest by group; group= filters', () =>
  withApp(async (url) => {
    for (const flag of ['1', 'true', 'TRUE']) {
      const body = (await (await fetch(`${url}/functions?grouped=${flag}`)).json()) as Record<string, Record<string, Info>>;
      const expectedGroups = Object.keys(oracleGrouped).filter((g) => Object.keys(oracleGrouped[g]).some((n) => ours.has(n)));
      assert.deepEqual(Object.keys(body), expectedGroups);
      for (const g of Object.keys(body)) assert.deepEqual(Object.keys(body[g]), Object.keys(oracleGrouped[g]).filter((n) => ours.has(n)));
    }
    const flat = (await (await fetch(`${url}/functions?grouped=0`)).json()) as Record<string, Info>;
    assert.ok('sumSeries' in flat);
    const alias = (await (await fetch(`${url}/functions?group=Alias`)).json()) as Record<string, Info>;
    // graphite-web's Alias group, as far as carbyne has it (it grows as functions land)
    assert.ok('aliasByNode' in alias);
    assert.deepEqual(Object.keys(alias), Object.keys(oracleGrouped.Alias).filter((n) => ours.has(n)));
    assert.deepEqual(await (await fetch(`${url}/functions?group=Nope`)).json(), {});
  }));

test('GET /functions/<name> answers one entry, or 404 naming the function', () =>
  withApp(async (url) => {
    const res = await fetch(`${url}/functions/sumSeries`);
    assert.equal(res.status, 200);
    const info = (await res.json()) as Info;
    assert.equal(info.function, 'sumSeries(*seriesLists)');
    assert.deepEqual(info.params, oracle.sumSeries.params);
    const missing = await fetch(`${url}/functions/noSuchFunction`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-type'), 'application/json');
    assert.equal(await missing.text(), '{"error": "Function not found: noSuchFunction"}');
  }));

test('pretty indents and sorts keys like Python; the compact form uses Python separators', () =>
  withApp(async (url) => {
    const pretty = await (await fetch(`${url}/functions/absolute?pretty=1`)).text();
    const lines = pretty.split('\n');
    assert.equal(lines[0], '{');
    assert.match(lines[1], /^ {2}"description": /);
    assert.equal(lines[2], '  "function": "absolute(seriesList)",');
    assert.ok(pretty.endsWith('  ]\n}'));
    const compact = await (await fetch(`${url}/functions/absolute`)).text();
    assert.ok(compact.startsWith('{"name": "absolute", "function": "absolute(seriesList)", "description": '));
    assert.ok(compact.endsWith('"params": [{"name": "seriesList", "type": "seriesList", "required": true}]}'));
  }));

test('type=pie: carbyne has no pie functions', () =>
  withApp(async (url) => {
    assert.deepEqual(await (await fetch(`${url}/functions?type=pie`)).json(), {});
    assert.equal((await fetch(`${url}/functions/sumSeries?type=pie`)).status, 404);
  }));
