/**
 * Differential check of /metrics/find and /metrics/expand against graphite-web: random globs
 * over the oracle's sample tree (wildcards, classes, negated classes, brace lists, partial
 * segments), in treejson, completer, json and nodelist, with wildcards and leavesOnly, asked of
 * carbyne (the golden app, fed the sample points) and of the oracle serving the same data.
 *
 *   npx tsx test/tools/find-diff.ts [ORACLE_URL] [COUNT] [SEED]
 *
 * json answers are compared without `intervals` (graphite-web's end is the file's mtime;
 * carbyne's is its now: see test/helpers/find-answers.ts). Nodes of equal name may come in any
 * order in graphite-web's answer (it shuffles, then sorts stably): such runs are compared
 * sorted, everything else in order. Exits 1 on any mismatch. Not part of `npm test`.
 */
import { isDeepStrictEqual } from 'node:util';
import { startGoldenApp } from '../helpers/golden-app.js';
import { diffArgs } from './oracle-diff-args.js';

const NOW = 1795316580;
const { oracle, count, rand, pick } = diffArgs(300);

const LEVELS: string[][] = [
  ['servers', 'apps', 'counters', '*', 's*', '{apps,counters}', '[as]*', 'x*', '*s', '_tagged'],
  ['*', 'web01', 'web0?', 'web0[12]', 'web0[!1]', '{web01,db01}', 'api', 'a*', '*0*', '{api,w*}', 'network', 'literal', '[a-f]*'],
  ['*', 'cpu', 'c*', '{cpu,memory}', 'requests', 'latency', 'eth0', 'p*', '*e*', '[!c]*', 'queue'],
  ['*', 'user', 'u*', '{user,system}', 'count', 'p??', '*_*', 'used', 'depth', '[a-z]*'],
  ['*', 'x'],
];

function glob(): string {
  const depth = 1 + Math.floor(rand() * 4.5);
  const parts: string[] = [];
  for (let i = 0; i < depth; i++) parts.push(pick(LEVELS[i]));
  return parts.join('.');
}

/** nodes of equal name sorted among themselves (graphite-web's order there is random); the rest kept in order */
function normalise(format: string, body: unknown): unknown {
  if (format === 'completer' && typeof body === 'object' && body !== null && 'metrics' in body) return { metrics: normalise('', body.metrics) };
  if (!Array.isArray(body)) return body;
  const nodes = body.map((n) => {
    if (format !== 'json' || typeof n !== 'object' || n === null) return n;
    const { intervals: _ignored, ...rest } = n as Record<string, unknown>;
    return rest;
  });
  const nameOf = (n: unknown) => (typeof n === 'object' && n !== null ? String((n as Record<string, unknown>).name ?? (n as Record<string, unknown>).text) : String(n));
  const out: unknown[] = [];
  for (let i = 0; i < nodes.length; ) {
    let j = i + 1;
    while (j < nodes.length && nameOf(nodes[j]) === nameOf(nodes[i])) j++;
    out.push(...nodes.slice(i, j).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)));
    i = j;
  }
  return out;
}

async function ask(base: string, url: string): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(base + url);
  return { status: res.status, type: (res.headers.get('content-type') ?? '').split(';')[0], text: await res.text() };
}

const golden = await startGoldenApp();
let mismatches = 0;
try {
  for (let i = 0; i < count; i++) {
    const query = glob();
    let url: string;
    let format = 'json';
    if (rand() < 0.2) {
      const q = new URLSearchParams({ query });
      if (rand() < 0.3) q.append('query', glob());
      if (rand() < 0.3) q.set('leavesOnly', '1');
      if (rand() < 0.3) q.set('groupByExpr', '1');
      url = `/metrics/expand?${q}`;
    } else {
      format = pick(['treejson', 'completer', 'json', 'nodelist']);
      const q = new URLSearchParams({ query, format });
      if (rand() < 0.3) q.set('wildcards', '1');
      if (rand() < 0.2) q.set('leavesOnly', '1');
      if (format === 'nodelist' && rand() < 0.5) q.set('position', pick(['0', '1', '-1', '2']));
      if (rand() < 0.2) {
        q.set('from', String(NOW - pick([600, 86400, 40 * 86400])));
        q.set('until', String(NOW));
      }
      url = `/metrics/find?${q}`;
    }
    const expected = await ask(oracle, url);
    const actual = await ask(golden.url, url);
    let problem: string | null = null;
    // graphite-web answers some bad input with a 500 (a nodelist position past the end of a
    // path); carbyne's 400 is the documented difference
    if (expected.status >= 500 && actual.status === 400) continue;
    if (actual.status !== expected.status) problem = `status ${actual.status} != ${expected.status}`;
    else if (expected.status === 200) {
      if (actual.type !== expected.type) problem = `content type ${actual.type} != ${expected.type}`;
      else {
        const a = normalise(format, JSON.parse(actual.text));
        const e = normalise(format, JSON.parse(expected.text));
        if (!isDeepStrictEqual(a, e)) problem = `carbyne ${JSON.stringify(a).slice(0, 400)}\n  graphite-web ${JSON.stringify(e).slice(0, 400)}`;
      }
    }
    if (problem) {
      mismatches++;
      console.log(`MISMATCH ${url}\n  ${problem}`);
    }
  }
} finally {
  await golden.destroy();
}
console.log(`${count} queries, ${mismatches} mismatches`);
process.exitCode = mismatches > 0 ? 1 : 0;
