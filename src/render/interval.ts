/**
 * graphite-web's interval strings (`parseTimeOffset`), as render functions take them:
 * `1h`, `-5min`, `+1d12h`, `30s`, `2w`, `1mon` (30 days), `1y` (365 days). A unit is read by
 * its prefix: `s…` seconds, `min…` minutes, `h…` hours, `d…` days, `w…` weeks, `mon…`
 * months, `y…` years; a bare `m` is not a unit.
 */

export const UNIT_SECONDS = {
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86400,
  weeks: 7 * 86400,
  months: 30 * 86400,
  years: 365 * 86400,
} as const;
export type TimeUnit = keyof typeof UNIT_SECONDS;

export class IntervalError extends Error {
  override readonly name = 'IntervalError';
}

/** graphite-web's getUnitString: the unit a word names, by prefix. */
export function unitOf(word: string): TimeUnit {
  if (word.startsWith('s')) return 'seconds';
  if (word.startsWith('min')) return 'minutes';
  if (word.startsWith('h')) return 'hours';
  if (word.startsWith('d')) return 'days';
  if (word.startsWith('w')) return 'weeks';
  if (word.startsWith('mon')) return 'months';
  if (word.startsWith('y')) return 'years';
  throw new IntervalError(`Invalid offset unit '${word}'`);
}

/** Parses an interval string into signed whole seconds; an empty string is 0. */
export function parseInterval(offset: string): number {
  if (offset === '') return 0;
  let sign = 1;
  let rest = offset;
  if (!isDigit(rest[0])) {
    if (rest[0] === '+') sign = 1;
    else if (rest[0] === '-') sign = -1;
    else throw new IntervalError(`Invalid offset: ${offset}`);
    rest = rest.slice(1);
  }
  let total = 0;
  while (rest.length > 0) {
    const num = /^\d*/.exec(rest)![0];
    if (num === '') throw new IntervalError(`Invalid offset: ${offset} (a number must come before each unit)`);
    rest = rest.slice(num.length);
    const unit = /^[A-Za-z]*/.exec(rest)![0];
    rest = rest.slice(unit.length);
    total += sign * Number(num) * UNIT_SECONDS[unitOf(unit)];
  }
  return total;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}
