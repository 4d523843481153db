/**
 * Whatever a client sends to /render, the answer is a 200 or a 4xx with a short text naming
 * the problem, never a 500 and never a dead server: random targets (garbage strings, and calls
 * of every render function with arguments of their types, some spoilt), random times, formats
 * and parameters.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startAppWithLines, mostly } from '../helpers/fuzz.js';
import { RENDER_FUNCTIONS } from '../../src/render/functions/index.js';
import type { ParamSpec } from '../../src/render/function-types.js';

let t: Awaited<ReturnType<typeof startAppWithLines>>;
const now = Math.floor(Date.now() / 1000);
/** more runs for a longer search: FUZZ_RUNS=5000 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

before(async () => {
  let body = '';
  for (const name of ['a.b.c', 'a.b.d', 'a.e.c', 'x.y', 'tagged;dc=eu']) for (let i = 0; i < 60; i++) body += `${name} ${(i * 7) % 13} ${now - 3600 + i * 60}\n`;
  t = await startAppWithLines(body);
});
after(() => t.destroy());

const paths = fc.constantFrom('a.b.c', 'a.*.c', 'a.{b,e}.*', 'x.*', 'nothing.here', '*', '*.*.*', 'a.b.[cd]', 'tagged;dc=eu');
const scalar = fc.oneof(
  fc.constantFrom('0', '1', '-1', '2.5', '1e3', '-1e-3', '99999999999999999999', 'inf', 'None', 'true', 'false', '"5min"', '"1h"', "'avg'", '"sum"', '"x"', '""', '"(^.*$)"', '"\\\\1"', '"-1d"', '"[a"', '"a(b"'),
  fc.integer({ min: -5, max: 20 }).map(String),
);

/** a value of a parameter's type (what a well-formed target passes) */
function typed(param: ParamSpec, depth: number): fc.Arbitrary<string> {
  if (param.options && param.options.length > 0) return fc.constantFrom(...param.options.map((o) => (typeof o === 'string' ? `"${o}"` : String(o))));
  switch (param.type) {
    case 'seriesList':
    case 'seriesLists':
    case 'series':
      return depth > 0 ? fc.oneof(paths, fc.constant(null).chain(() => call(depth - 1))) : paths;
    case 'float':
      return fc.constantFrom('0', '1', '2.5', '-3', '0.5', '100');
    case 'integer':
    case 'node':
    case 'intOrInf':
      return fc.constantFrom('0', '1', '2', '-1', '5');
    case 'nodeOrTag':
      return fc.constantFrom('0', '1', '-1', '"dc"');
    case 'interval':
      return fc.constantFrom('"5min"', '"1h"', '"-1d"', '"30s"');
    case 'intOrInterval':
      return fc.constantFrom('3', '"10min"', '"1h"');
    case 'boolean':
      return fc.constantFrom('true', 'false');
    case 'aggFunc':
    case 'aggOrSeriesFunc':
      return fc.constantFrom('"sum"', '"avg"', '"max"', '"last"', '"median"');
    default:
      return fc.constantFrom('"a"', '"b.*"', '"x"', '1');
  }
}

/** A call of a render function: usually with arguments of the right types, sometimes not. */
function call(depth: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...RENDER_FUNCTIONS, null), fc.boolean(), fc.boolean())
    .chain(([fn, optional, spoil]) => {
      if (fn === null) return fc.array(fc.oneof(paths, scalar), { maxLength: 3 }).map((args) => `noSuchFunction(${args.join(',')})`);
      const params = fn.params.filter((p) => p.required || optional);
      const args = params.length === 0 ? fc.constant([] as string[]) : fc.tuple(...params.map((p) => typed(p, depth)));
      return fc.tuple(args, spoil ? fc.tuple(fc.nat(), scalar) : fc.constant(null)).map(([values, bad]) => {
        const out = [...values];
        if (bad && out.length > 0) out[bad[0] % out.length] = bad[1];
        return `${fn.name}(${out.join(',')})`;
      });
    });
}

const garbage = fc.stringMatching(/^[a-z0-9.*?(){}[\],'"|=\\ $-]{0,40}$/);
const target = fc.oneof({ weight: 3, arbitrary: call(2) }, { weight: 1, arbitrary: garbage }, { weight: 1, arbitrary: paths });
const time = mostly(['-1h', '-10min', '-1d', 'now', 'midnight', 'yesterday', '12:00_20261120', String(now), '-2h'], ['-1m', 'garbage', '', '0', '-1', '99999999999', '-5y', 'noon+tomorrow']);
const format = mostly(['json', 'csv', 'raw', 'pickle', 'msgpack', 'dygraph', 'rickshaw'], ['png', 'svg', 'pdf', 'xml', '']);
const extra = mostly(
  ['maxDataPoints=1', 'maxDataPoints=7', 'noNullPoints=1', 'tz=Europe/Paris', 'jsonp=cb', 'pretty=1', 'xFilesFactor=0.5', 'template[x]=a', 'local=1'],
  ['maxDataPoints=0', 'maxDataPoints=abc', 'maxDataPoints=-3', 'tz=Nowhere/City', 'xFilesFactor=2', 'xFilesFactor=x', 'now=abc'],
);

test('random targets and parameters: 200 or a 4xx naming the problem, never a 500', async () => {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(fc.array(target, { minLength: 1, maxLength: 3 }), time, time, format, extra, async (targets, from, until, fmt, more) => {
      const q = new URLSearchParams();
      for (const x of targets) q.append('target', x);
      if (from !== undefined) q.set('from', from);
      if (until !== undefined) q.set('until', until);
      if (fmt !== undefined) q.set('format', fmt);
      let query = q.toString();
      if (more) query += `&${more}`;
      const res = await fetch(`${t.url}/render?${query}`);
      const body = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      assert.ok(res.status === 200 || (res.status >= 400 && res.status < 500), `${res.status} for ${query}: ${body.slice(0, 300)}`);
      if (res.status !== 200) {
        assert.match(res.headers.get('content-type') ?? '', /^text\/plain/, query);
        assert.ok(body.length > 0 && body.length < 2000, `${query}: ${body.slice(0, 300)}`);
      }
    }),
    { numRuns: RUNS },
  );
  // the cases reach the functions: a good share are answered, not all refused at the door
  const answered = statuses.get(200) ?? 0;
  assert.ok(answered >= RUNS / 10, `only ${answered} of ${RUNS} answered 200: ${JSON.stringify([...statuses])}`);
  // and the server still answers
  assert.equal((await fetch(`${t.url}/version`)).status, 200);
});
