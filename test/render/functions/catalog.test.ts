/**
 * carbyne's function catalogue against graphite-web 1.1.8's own (the oracle's
 * samples/functions.json, all 151 functions): every function carbyne registers has exactly
 * graphite-web's GET /functions entry (name, signature text, module, group, parameters with
 * their types, defaults, options and suggestions) apart from the description, which is ours;
 * they come in graphite-web's order; and the functions still missing are exactly NOT_YET.
 *
 * NOT_YET only shrinks: whoever adds a function removes its name here in the same change (the
 * test fails until they do, and fails if a name is removed before its function exists). When it
 * is empty, carbyne has graphite-web's whole catalogue.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RENDER_FUNCTIONS } from '../../../src/render/functions/index.js';
import { FunctionCatalog, type FunctionInfo } from '../../../src/render/functions/catalog.js';
import { ORACLE_DIR } from '../../helpers/oracle.js';

/** graphite-web's functions carbyne does not have yet, in graphite-web's order */
const NOT_YET: readonly string[] = [
  // Filter Series
  'averageAbove', 'averageBelow', 'averageOutsidePercentile', 'currentAbove', 'currentBelow', 'filterSeries', 'highest', 'lowest',
  'lowestCurrent', 'maximumAbove', 'maximumBelow', 'minimumAbove', 'minimumBelow', 'mostDeviant', 'removeBetweenPercentile',
  'removeEmptySeries', 'unique', 'useSeriesAbove',
  // Special
  'cactiStyle', 'changed', 'cumulative', 'fallbackSeries', 'randomWalk', 'randomWalkFunction', 'substr',
];

/** graphite-web 1.1.8 wrote keepLastValue's and interpolate's default as a bare Infinity, which JSON.parse refuses */
const graphiteWeb = JSON.parse(readFileSync(join(ORACLE_DIR, 'samples/functions.json'), 'utf8').replace(/: Infinity\}/g, ': 1e9999}')) as Record<string, FunctionInfo>;
const ours = new FunctionCatalog(RENDER_FUNCTIONS).list() as Record<string, FunctionInfo>;
const notYet = new Set(NOT_YET);

/**
 * graphite-web's entry as it must be today: an aggOrSeriesFunc parameter lists every aggregating
 * function, and those not here yet cannot be listed (this shrinks to nothing with NOT_YET).
 */
function expectedEntry(name: string): Omit<FunctionInfo, 'description'> {
  const { description: _, ...entry } = graphiteWeb[name];
  const params = entry.params.map((p) => (p.type === 'aggOrSeriesFunc' && p.options ? { ...p, options: p.options.filter((o) => typeof o !== 'string' || !notYet.has(o)) } : p));
  return { ...entry, params };
}

test("graphite-web's catalogue is the 151 functions of 1.1.8", () => {
  assert.equal(Object.keys(graphiteWeb).length, 151);
});

test('the functions still missing are exactly NOT_YET (remove a name when its function lands)', (t) => {
  const missing = Object.keys(graphiteWeb).filter((n) => !(n in ours));
  t.diagnostic(`${missing.length} of 151 missing: ${missing.join(' ')}`);
  assert.deepEqual(missing, NOT_YET, 'NOT_YET lists the missing functions in graphite-web order');
});

test('every registered function is in graphite-web’s catalogue, in its order', () => {
  const names = Object.keys(ours);
  assert.deepEqual(names.filter((n) => !(n in graphiteWeb)), [], 'functions graphite-web does not have');
  assert.deepEqual(names, Object.keys(graphiteWeb).filter((n) => n in ours), "src/render/functions/index.ts lists them in graphite-web's order");
});

test("every registered function has graphite-web's entry exactly, the description aside", () => {
  for (const [name, info] of Object.entries(ours)) {
    const { description, ...entry } = info;
    assert.deepEqual(entry, expectedEntry(name), name);
    assert.ok(description.length > 20, `${name}: a description of our own`);
    assert.notEqual(description, graphiteWeb[name].description, `${name}: the description is in our own words`);
  }
});
