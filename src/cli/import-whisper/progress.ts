import type { ImportProgress, ImportSummary } from '../../whisper/tree-import.js';

/** `1.2M`, `52.3k`, `980` */
export function count(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One progress line: files done of the total, points, the rate, what went wrong, the time left. */
export function progressLine(p: ImportProgress): string {
  const pct = p.total === 0 ? 100 : (100 * p.done) / p.total;
  const rate = p.elapsedMs > 0 ? (p.points * 1000) / p.elapsedMs : 0;
  const left = p.done > 0 && p.done < p.total ? ` ~${duration((p.elapsedMs / p.done) * (p.total - p.done))} left` : '';
  return `files ${p.done}/${p.total} (${pct.toFixed(1)}%)  points ${count(p.points)}  ${count(rate)} points/s  skipped ${p.skipped}  failed ${p.failed}${left}`;
}

/** How many files of each reason are listed. */
const EXAMPLES = 3;

/** What was imported, skipped and why, failed and why. */
export function summaryText(s: ImportSummary, checkpoint: string): string {
  const lines: string[] = [];
  const rate = s.elapsedMs > 0 ? (s.points * 1000) / s.elapsedMs : 0;
  lines.push(`${s.interrupted ? 'interrupted' : 'done'} in ${duration(s.elapsedMs)}: ${s.imported} files imported (${s.points} points, ${count(rate)} points/s), ${s.skipped} skipped, ${s.failed} failed${s.interrupted ? `, ${s.total - s.done} not started` : ''}`);
  if (s.earlier > 0) lines.push(`${s.earlier} files were settled by an earlier run (${checkpoint})`);
  if (s.notMatching > 0) lines.push(`${s.notMatching} files left out by --pattern`);
  if (s.tooOld > 0) lines.push(`${s.tooOld} points left out as older than their archive's retention`);
  const why = (title: string, reasons: ReadonlyMap<string, readonly string[]>) => {
    if (reasons.size === 0) return;
    lines.push(title);
    for (const [reason, files] of [...reasons].sort((a, b) => b[1].length - a[1].length)) {
      lines.push(`  ${files.length} x ${reason}`);
      for (const f of files.slice(0, EXAMPLES)) lines.push(`      ${f}`);
      if (files.length > EXAMPLES) lines.push(`      ... and ${files.length - EXAMPLES} more`);
    }
  };
  why('skipped (recorded in the checkpoint; not tried again):', s.skippedWhy);
  why('failed (run the same command again to retry them):', s.failedWhy);
  if (s.interrupted) lines.push(`run the same command again to resume (checkpoint: ${checkpoint})`);
  return `${lines.join('\n')}\n`;
}
