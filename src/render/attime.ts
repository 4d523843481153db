import { InputError } from './function-types.js';
import { parseTimeOffset } from './interval.js';
import { localize, wallClock, wallSeconds } from './timezone.js';

/**
 * graphite-web's at-time grammar for `from`, `until` and `now` (render/attime.py), giving whole
 * epoch seconds. `zone` is a resolved IANA zone; `now` is epoch seconds.
 *
 * The text is lower-cased and stripped of `_`, `,` and spaces. All digits is epoch seconds,
 * unless it is a plausible YYYYMMDD. Otherwise it splits at the first `+` (else the first `-`)
 * into a reference (a time of day and a day) and an offset added to it.
 */
export function parseATTime(text: string, zone: string, now: number): number {
  const s = text.trim().toLowerCase().replace(/[_, ]/g, '');
  if (isDigits(s) && !looksLikeYmd(s)) {
    const epoch = Number(s);
    if (epoch > MAX_EPOCH) throw new InputError(`Epoch time out of range: ${text}`);
    return epoch;
  }
  let ref = s;
  let offset = '';
  const plus = s.indexOf('+');
  const minus = s.indexOf('-');
  const cut = plus >= 0 ? plus : minus;
  if (cut >= 0) {
    ref = s.slice(0, cut);
    offset = s.slice(cut);
  }
  return parseTimeReference(ref, zone, now) + parseTimeOffset(offset);
}

/** 9999-12-31T23:59:59Z, the last second Python's datetime holds */
const MAX_EPOCH = 253402300799;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function isDigits(s: string): boolean {
  return s.length > 0 && /^\d+$/.test(s);
}

function looksLikeYmd(s: string): boolean {
  return s.length === 8 && Number(s.slice(0, 4)) > 1900 && Number(s.slice(4, 6)) < 13 && Number(s.slice(6)) < 32;
}

/** Python's int() on the text graphite-web slices out, with our message when it fails. */
function toInt(text: string, what: string, whole: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new InputError(`Invalid ${what} "${text}" in time reference: ${whole}`);
  return Number(text);
}

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function civilDate(c: Civil, whole: string): number {
  if (c.year < 1 || c.year > 9999) throw new InputError(`Invalid year ${c.year} in time reference: ${whole}`);
  if (c.month < 1 || c.month > 12) throw new InputError(`Invalid month ${c.month} in time reference: ${whole}`);
  const inMonth = [31, isLeap(c.year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][c.month - 1];
  if (c.day < 1 || c.day > inMonth) throw new InputError(`Invalid day ${c.day} of month ${c.month} in time reference: ${whole}`);
  if (c.hour < 0 || c.hour > 23) throw new InputError(`Invalid hour ${c.hour} in time reference: ${whole}`);
  if (c.minute < 0 || c.minute > 59) throw new InputError(`Invalid minute ${c.minute} in time reference: ${whole}`);
  return wallSeconds({ ...c, second: 0 });
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The reference part: empty or `now`, else an optional time of day then an optional day. */
export function parseTimeReference(refText: string, zone: string, now: number): number {
  if (refText === '' || refText === 'now') return now;
  const whole = refText;
  let ref = refText;
  let hour = 0;
  let minute = 0;

  // HH:MM, optionally followed by am/pm
  let i = ref.indexOf(':');
  if (i > 0 && i < 3) {
    hour = toInt(ref.slice(0, i), 'hour', whole);
    minute = toInt(ref.slice(i + 1, i + 3), 'minute', whole);
    ref = ref.slice(i + 3);
    if (ref.startsWith('am')) ref = ref.slice(2);
    else if (ref.startsWith('pm')) {
      hour = (hour + 12) % 24;
      ref = ref.slice(2);
    }
  }
  // Xam / XXam, Xpm / XXpm (graphite-web reads 12am as 12:00 and 12pm as 00:00; kept as it is)
  i = ref.indexOf('am');
  if (i > 0 && i < 3) {
    hour = toInt(ref.slice(0, i), 'hour', whole);
    ref = ref.slice(i + 2);
  }
  i = ref.indexOf('pm');
  if (i > 0 && i < 3) {
    hour = (toInt(ref.slice(0, i), 'hour', whole) + 12) % 24;
    ref = ref.slice(i + 2);
  }
  if (ref.startsWith('noon')) {
    hour = 12;
    minute = 0;
    ref = ref.slice(4);
  } else if (ref.startsWith('midnight')) {
    hour = 0;
    minute = 0;
    ref = ref.slice(8);
  } else if (ref.startsWith('teatime')) {
    hour = 16;
    minute = 0;
    ref = ref.slice(7);
  }

  const today = wallClock(zone, now);
  let civil: Civil = { year: today.year, month: today.month, day: today.day, hour, minute };
  let wall = civilDate(civil, whole);

  if (ref === 'yesterday' || ref === 'today' || ref === 'tomorrow') {
    if (ref === 'yesterday') wall -= 86400;
    else if (ref === 'tomorrow') wall += 86400;
  } else if (ref.split('/').length === 3) {
    const [m, d, yText] = ref.split('/');
    let y = toInt(yText, 'year', whole);
    if (y < 1900) y += 1900;
    if (y < 1970) y += 100;
    civil = { year: y, month: toInt(m, 'month', whole), day: toInt(d, 'day', whole), hour, minute };
    wall = civilDate(civil, whole);
  } else if (ref.length === 8 && isDigits(ref)) {
    civil = { year: Number(ref.slice(0, 4)), month: Number(ref.slice(4, 6)), day: Number(ref.slice(6, 8)), hour, minute };
    wall = civilDate(civil, whole);
  } else if (MONTHS.includes(ref.slice(0, 3))) {
    let day: number;
    if (isDigits(ref.slice(-2))) day = Number(ref.slice(-2));
    else if (isDigits(ref.slice(-1))) day = Number(ref.slice(-1));
    else throw new InputError(`Day of month required after month name: ${whole}`);
    civil = { year: today.year, month: MONTHS.indexOf(ref.slice(0, 3)) + 1, day, hour, minute };
    wall = civilDate(civil, whole);
  } else if (WEEKDAYS.includes(ref.slice(0, 3))) {
    // the most recent such day, today included
    let back = today.weekday - WEEKDAYS.indexOf(ref.slice(0, 3));
    if (back < 0) back += 7;
    wall -= back * 86400;
  } else if (ref !== '') {
    throw new InputError(`Unknown day reference: ${whole}`);
  }
  return localize(zone, wall);
}
