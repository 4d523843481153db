import { InputError } from './function-types.js';

/**
 * Offsets and intervals as graphite-web reads them (attime.parseTimeOffset): an optional sign,
 * then one or more `<digits><unit>` pairs that add up (`-1d12h`). Units match by prefix:
 * `s…` seconds, `min…` minutes, `h…` hours, `d…` days, `w…` weeks, `mon…` months (30 days),
 * `y…` years (365 days). A bare `m` is not a unit (Grafana rewrites `5m` to `5min` for this).
 */

export const SECONDS_PER_UNIT = {
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86400,
  weeks: 7 * 86400,
  months: 30 * 86400,
  years: 365 * 86400,
} as const;
export type IntervalUnit = keyof typeof SECONDS_PER_UNIT;

/** The unit a unit word stands for, by graphite-web's prefix rules; null when it names none. */
export function intervalUnit(word: string): IntervalUnit | null {
  if (word.startsWith('s')) return 'seconds';
  if (word.startsWith('min')) return 'minutes';
  if (word.startsWith('h')) return 'hours';
  if (word.startsWith('d')) return 'days';
  if (word.startsWith('w')) return 'weeks';
  if (word.startsWith('mon')) return 'months';
  if (word.startsWith('y')) return 'years';
  return null;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Signed seconds of an offset such as `-1h`, `5min`, `+1d12h`, `2weeks`; the empty string is 0.
 * Throws InputError naming the problem (unknown unit, missing number, stray character).
 */
export function parseTimeOffset(offset: string): number {
  if (offset.length === 0) return 0;
  let sign = 1;
  let i = 0;
  const first = offset.charCodeAt(0);
  if (!isDigit(first)) {
    if (offset[0] === '+') sign = 1;
    else if (offset[0] === '-') sign = -1;
    else throw new InputError(`Invalid offset: ${offset}`);
    i = 1;
  }
  // a lone sign is an empty offset to graphite-web
  let total = 0;
  while (i < offset.length) {
    const numStart = i;
    while (i < offset.length && isDigit(offset.charCodeAt(i))) i++;
    if (i === numStart) throw new InputError(`Invalid offset: ${offset} (expected a number at "${offset.slice(numStart)}")`);
    const num = Number(offset.slice(numStart, i));
    const unitStart = i;
    while (i < offset.length && isAlpha(offset.charCodeAt(i))) i++;
    const word = offset.slice(unitStart, i);
    const unit = intervalUnit(word);
    if (unit === null) throw new InputError(`Invalid offset unit '${word}' in offset ${offset}`);
    total += num * SECONDS_PER_UNIT[unit];
  }
  return total === 0 ? 0 : sign * total;
}

/**
 * An interval argument of a render function ('1h', '5min', '-1d') in seconds, keeping its sign.
 * Accepts what graphite-web's functions accept: the same grammar as parseTimeOffset.
 */
export function parseInterval(text: string): number {
  return parseTimeOffset(text);
}

/** Whether `text` is a valid interval (graphite-web's `interval` parameter type). */
export function isInterval(text: string): boolean {
  try {
    parseTimeOffset(text);
    return true;
  } catch {
    return false;
  }
}
