import type { Benchmark } from './harness.js';
import { benchmark as ingestParse } from './ingest-parse.bench.js';

/** Every benchmark `npm run bench` runs, in order. */
export const benchmarks: Benchmark[] = [ingestParse];
