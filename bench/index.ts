import type { Benchmark } from './harness.js';
import { benchmark as find } from './find.bench.js';

/** Every benchmark `npm run bench` runs, in order. */
export const benchmarks: Benchmark[] = [find];
