import { prng } from '../../bench/prng.js';

/**
 * What the differential tools share: their arguments (oracle URL, how many cases, seed) and a
 * seeded choice, so a seed names one run that can be repeated.
 */
export function diffArgs(defaultCount: number) {
  const oracle = process.argv[2] ?? 'http://127.0.0.1:8081';
  const count = Number(process.argv[3] ?? defaultCount);
  const rand = prng(Number(process.argv[4] ?? 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  return { oracle, count, rand, pick, int };
}
