import type { Benchmark } from './harness.js';

/** Every benchmark `npm run bench` runs, in order. */
export const benchmarks: Benchmark[] = [];
