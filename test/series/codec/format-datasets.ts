/**
 * Deterministic data sets for the format-stability test: every value scheme and switch between
 * them (decimal, corrections, exceptions, XOR, exponent growth), regular and irregular
 * timestamps (unit changes, repeats, gaps), specials, and encoders finished mid-way. Made by a
 * seeded generator of its own, so they never change with a library.
 */
import type { RollupRecord } from '../../../src/series/types.js';

/** xorshift32: the same numbers on every machine */
export class Prng {
  constructor(private s: number) {}
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

export interface RawCase {
  name: string;
  windowStart: number;
  step: number;
  timestamps: number[];
  values: number[];
  /** also finish() after this many points (the chunk so far is pinned too) */
  cut?: number;
}

export interface RollupCase {
  name: string;
  windowStart: number;
  step: number;
  timestamps: number[];
  records: RollupRecord[];
}

const START = 1795305600;
const SPECIAL_VALUES = [NaN, -0, 0, Infinity, -Infinity, Number.MIN_VALUE, Number.MAX_VALUE, 2 ** 53, 0.1 + 0.2, 1e-300];

function regular(n: number, step: number, skip = 0, rng?: Prng): number[] {
  const out: number[] = [];
  let t = START;
  for (let i = 0; i < n; i++) {
    out.push(t);
    t += step * (rng && skip > 0 && rng.next() < skip ? 2 + rng.int(5) : 1);
  }
  return out;
}

export function rawCases(): RawCase[] {
  const cases: RawCase[] = [];
  const add = (name: string, step: number, timestamps: number[], values: number[], cut?: number) =>
    cases.push({ name, windowStart: START, step, timestamps, values, cut });
  const rng = new Prng(0x9e3779b9);
  for (const n of [1, 2, 3, 4, 5, 8, 33, 360, 720]) {
    let v = 100;
    const walk = Array.from({ length: n }, () => (v = Math.round((v + rng.int(201) / 100 - 1) * 100) / 100));
    add(`walk2dec-${n}`, 10, regular(n, 10), walk, n > 4 ? Math.floor(n / 3) : undefined);
  }
  add('walk2dec-gaps', 10, regular(500, 10, 0.1, rng), Array.from({ length: 500 }, (_, i) => Math.round(Math.sin(i / 7) * 1e4) / 100));
  add('counter', 10, regular(720, 10), Array.from({ length: 720 }, (_, i) => 1e6 + i * 37 + rng.int(3)));
  add('constant', 60, regular(300, 60), Array.from({ length: 300 }, () => 42));
  add('zeros-and-ones', 1, regular(3000, 1), Array.from({ length: 3000 }, () => (rng.next() < 0.1 ? 1 : 0)));
  add('random-doubles', 10, regular(400, 10), Array.from({ length: 400 }, () => rng.next() * 1e6 - 5e5));
  add('gauge-3dec', 5, regular(600, 5), Array.from({ length: 600 }, () => rng.int(100000) / 1000));
  let sum = 0;
  add('sums-near-decimal', 10, regular(500, 10), Array.from({ length: 500 }, () => (sum += rng.int(1000) / 100)));
  add('exponent-growth', 10, regular(200, 10), Array.from({ length: 200 }, (_, i) => (i < 20 ? i : i + rng.int(1000) / 10 ** (1 + rng.int(4)))));
  add('decimal-then-xor', 10, regular(300, 10), Array.from({ length: 300 }, (_, i) => (i < 100 ? i / 4 : Math.PI * rng.next())));
  add('specials', 10, regular(SPECIAL_VALUES.length * 3, 10), [...SPECIAL_VALUES, ...SPECIAL_VALUES.map((x, i) => (i % 2 ? x : i / 10)), ...SPECIAL_VALUES]);
  add('decimal-few-exceptions', 10, regular(100, 10), Array.from({ length: 100 }, (_, i) => (i % 40 === 7 ? NaN : i / 4)));
  add('decimal-many-exceptions', 10, regular(400, 10), Array.from({ length: 400 }, (_, i) => (i % 50 === 3 ? Infinity : (i % 9) / 2)));
  add('huge-values', 10, regular(100, 10), Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 2 ** 60 : -(2 ** 50) + i)));
  const irregular: number[] = [];
  for (let t = START + 3; irregular.length < 400; t += rng.int(25)) irregular.push(t);
  add('irregular-times', 10, irregular, irregular.map((_, i) => i % 17));
  add('unit-change', 10, [...regular(50, 10), START + 505, START + 507, START + 600], Array.from({ length: 53 }, (_, i) => i));
  add('repeated-times', 10, [START, START, START + 10, START + 10, START + 10, START + 30], [1, 2, 3, 4, 5, 6]);
  add('huge-gap', 10, [START, START + 10, START + 2 ** 40], [1, 2, 3]);
  add('before-epoch', 10, [-3600, -3590, -10], [1, 2, 3]);
  cases[cases.length - 1].windowStart = -3600;
  return cases;
}

export function rollupCases(): RollupCase[] {
  const rng = new Prng(12345);
  const cases: RollupCase[] = [];
  for (const n of [1, 4, 144]) {
    const timestamps = regular(n, 600, 0.2, rng);
    const records = timestamps.map(() => {
      const count = 1 + rng.int(60);
      const min = rng.int(10000) / 100;
      const max = min + rng.int(5000) / 100;
      const last = min + rng.int(100) / 100;
      return { sum: (min + max) * count / 2 + rng.next(), min, max, last, count };
    });
    cases.push({ name: `rollup-${n}`, windowStart: START, step: 600, timestamps, records });
  }
  return cases;
}
