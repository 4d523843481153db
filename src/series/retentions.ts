import type { Retention } from './types.js';

/**
 * What is wrong with a list of resolutions (finest first), as whisper's validateArchiveList
 * sees it, or null: each precision a whole number of seconds, each retention a whole number of
 * its steps; each coarser precision a multiple of the finer one and kept longer; each finer
 * resolution keeping enough points to make one point of the next.
 */
export function retentionsProblem(list: readonly Retention[]): string | null {
  if (list.length === 0) return 'no retention given';
  for (const r of list) {
    if (!Number.isSafeInteger(r.step) || r.step < 1) return `invalid precision ${r.step}: it must be a whole number of seconds, at least 1`;
    if (!Number.isSafeInteger(r.retention) || r.retention < r.step || r.retention % r.step !== 0) return `invalid retention ${r.retention}s for precision ${r.step}s`;
  }
  for (let i = 1; i < list.length; i++) {
    const finer = list[i - 1];
    const coarser = list[i];
    if (finer.step === coarser.step) return `two resolutions with the same precision ${finer.step}s`;
    if (coarser.step < finer.step) return `precision ${coarser.step}s comes after the coarser ${finer.step}s`;
    if (coarser.step % finer.step !== 0) return `precision ${coarser.step}s is not a multiple of ${finer.step}s`;
    if (coarser.retention <= finer.retention) return `resolution ${coarser.step}s must be kept longer than ${finer.step}s`;
    if (finer.retention < coarser.step) return `resolution ${finer.step}s keeps too few points to make one ${coarser.step}s point`;
  }
  return null;
}

/** A schema in carbon's retention syntax, in seconds (`10s:86400s,60s:604800s`), for messages. */
export function formatRetentions(list: readonly Retention[]): string {
  return list.map((r) => `${r.step}s:${r.retention}s`).join(',');
}
