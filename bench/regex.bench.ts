/**
 * Regular expressions from requests (aliasSub, grep, exclude, seriesByTag's =~) run on RE2
 * (src/lib/linear-regexp.ts) so that none can backtrack: what that costs against V8's own
 * RegExp on the same metric names and patterns, in process, in the same run (the answers must
 * be equal, or the benchmark fails); and the time of a pattern that backtracks for ever in V8
 * and in Python, which RE2 answers in time linear in the name (no peer: V8 would not finish).
 */
import { compilePythonRegex, translatePythonReplacement } from '../src/lib/python-regex.js';
import { cpuSeconds, figure, type Benchmark, type Figure } from './harness.js';

/** Python pattern, the same in V8's syntax, and an aliasSub replacement (null: a grep) */
const CASES: ReadonlyArray<{ label: string; python: string; js: string; replacement: string | null }> = [
  { label: 'aliasSub ^servers\\.([^.]+)\\..*$ -> \\1', python: '^servers\\.([^.]+)\\..*$', js: '^servers\\.([^.]+)\\..*$', replacement: '\\1' },
  { label: 'aliasSub (?P<h>host\\d+) -> \\g<h>-x', python: '(?P<h>host\\d+)', js: '(?<h>host\\d+)', replacement: '\\g<h>-x' },
  { label: 'grep cpu', python: 'cpu', js: 'cpu', replacement: null },
  { label: 'grep host\\d*7\\.(cpu|mem)', python: 'host\\d*7\\.(cpu|mem)', js: 'host\\d*7\\.(cpu|mem)', replacement: null },
];

export const benchmark: Benchmark = {
  name: 'regex',
  async run(ctx) {
    const n = ctx.quick ? 10_000 : 100_000;
    const names = Array.from({ length: n }, (_, i) => `servers.host${i}.${i % 3 === 0 ? 'cpu' : 'mem'}.user.percent`);
    const figures: Figure[] = [];
    for (const c of CASES) {
      const flags = c.replacement === null ? '' : 'g';
      const linear = compilePythonRegex(c.python, flags);
      const native = new RegExp(c.js, flags);
      const replacement = c.replacement === null ? '' : translatePythonReplacement(c.replacement);
      const apply = (re: RegExp) => (c.replacement === null ? names.filter((s) => re.test(s)) : names.map((s) => s.replace(re, replacement)));
      const ours = apply(linear);
      const theirs = apply(native);
      if (ours.length !== theirs.length || ours.some((s, i) => s !== theirs[i])) throw new Error(`${c.label}: RE2 and V8 disagree`);
      const mine = await best(() => apply(linear));
      const v8 = await best(() => apply(native));
      figures.push(figure(`${c.label}, ${n} names`, (mine * 1e9) / n, 'ns/name', { name: "V8's RegExp (backtracking)", value: (v8 * 1e9) / n }));
    }
    // 2^1000 steps for a backtracking engine
    const long = `servers.${'a'.repeat(1000)}!`;
    const catastrophic = compilePythonRegex('(a+)+$');
    const t = await best(() => catastrophic.test(long));
    figures.push(figure('(a+)+$ against a 1009-character name (V8 and Python: never finish)', t * 1e6, 'µs'));
    return figures;
  },
};

/** The least CPU time of five runs (the machine is shared: the least is the least disturbed). */
async function best(fn: () => unknown): Promise<number> {
  fn();
  let least = Infinity;
  for (let i = 0; i < 5; i++) least = Math.min(least, (await cpuSeconds(fn)).cpu);
  return least;
}
