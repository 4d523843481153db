import type { Benchmark } from './harness.js';
import { benchmark as store } from './store.bench.js';
import { benchmark as find } from './find.bench.js';
import { benchmark as findHttp } from './find-http.bench.js';

/** Every benchmark `npm run bench` runs, in order. */
export const benchmarks: Benchmark[] = [store, find, findHttp];
