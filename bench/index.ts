import type { Benchmark } from './harness.js';
import { benchmark as functions } from './functions.bench.js';
import { benchmark as renderJson } from './render-json.bench.js';
import { benchmark as render } from './render.bench.js';

/** Every benchmark `npm run bench` runs, in order. */
export const benchmarks: Benchmark[] = [renderJson, render, functions];
