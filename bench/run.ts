/**
 * npm run bench [-- --quick] [--json FILE] [name-substring ...]
 * Runs the benchmarks of bench/index.ts, prints a table, optionally writes one JSON record per figure.
 * npm run bench -- --soak [--soak-minutes N] runs the soak instead (bench/soak.bench.ts; 10 min,
 * or CARBYNE_SOAK_MINUTES), its plot in .bench/.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchmarks } from './index.js';
import type { Benchmark, Figure } from './harness.js';
import { runSoak } from './soak.bench.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { quick: { type: 'boolean', default: false }, json: { type: 'string' }, soak: { type: 'boolean', default: false }, 'soak-minutes': { type: 'string' } },
});

const soakMinutes = Number(values['soak-minutes'] ?? process.env.CARBYNE_SOAK_MINUTES ?? 10);
if (values.soak && !(soakMinutes > 0)) throw new Error(`--soak-minutes must be a positive number of minutes, not ${values['soak-minutes'] ?? process.env.CARBYNE_SOAK_MINUTES}`);
const soak: Benchmark = { name: 'soak', run: (ctx) => runSoak({ minutes: soakMinutes, outDir: '.bench', log: ctx.log }) };
const selected = values.soak ? [soak] : benchmarks.filter((b) => positionals.length === 0 || positionals.some((p) => b.name.includes(p)));
const records: Array<Figure & { benchmark: string }> = [];
const fmt = (v: number | undefined) => (v === undefined ? '' : Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(4));

for (const b of selected) {
  process.stderr.write(`# ${b.name}\n`);
  const started = performance.now();
  let figures: Figure[];
  try {
    figures = await b.run({ quick: values.quick ?? false, log: (m) => process.stderr.write(`  ${m}\n`) });
    process.stderr.write(`# ${b.name}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (err) {
    process.stderr.write(`  FAILED: ${(err as Error).stack ?? err}\n`);
    process.exitCode = 1;
    continue;
  }
  for (const f of figures) records.push({ benchmark: b.name, ...f });
}

const rows = records.map((r) => [r.benchmark, r.name, fmt(r.value), r.unit, r.peer ?? '', fmt(r.peerValue), r.ratio === undefined ? '' : r.ratio.toFixed(2)]);
const header = ['benchmark', 'figure', 'value', 'unit', 'peer', 'peer value', 'ratio (carbyne/peer)'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 2 || i === 5 || i === 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));

if (values.json) {
  writeFileSync(values.json, JSON.stringify(records.map(({ benchmark, name, value, unit, peer, peerValue, ratio }) => ({ name: `${benchmark}: ${name}`, value, unit, peer: peer ?? null, peerValue: peerValue ?? null, ratio: ratio ?? null })), null, 2));
}
