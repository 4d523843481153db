import type { Benchmark } from './harness.js';
import { benchmark as functions } from './functions.bench.js';

/** Every benchmark `npm run bench` runs, in order. */
export const benchmarks: Benchmark[] = [functions];
