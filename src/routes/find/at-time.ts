import { InputParameterError } from '../graphite-response.js';

/**
 * STOPGAP until src/render/attime.ts (branch `render`) is on main: then this file goes and
 * find-params.ts imports `parseATTime(text, zone, now)` from there, same signature.
 *
 * Covers what Grafana sends to /metrics/find: epoch seconds, `now`, and offsets such as
 * `-6h`, `now-7d`, `-1d12h` (units by prefix as graphite-web: s, min, h, d, w, mon, y; a bare
 * `m` is invalid). Anything else (`noon yesterday`, `20240101`, `12:00_20240101`) is refused
 * with a 400 naming it, never misread.
 */
export function parseATTime(text: string, zone: string, now: number): number {
  void zone; // only the absolute forms this stopgap refuses depend on the zone
  const s = text.trim().toLowerCase().replace(/[_, ]/g, '');
  if (/^\d+$/.test(s) && !looksLikeYmd(s)) return Number(s);
  const cut = s.search(/[+-]/);
  const ref = cut >= 0 ? s.slice(0, cut) : s;
  const offset = cut >= 0 ? s.slice(cut) : '';
  if (ref !== '' && ref !== 'now') throw new InputParameterError(`Unsupported time reference: ${text} (only epoch seconds, now and offsets such as -6h for now)`);
  return now + parseOffset(offset, text);
}

function looksLikeYmd(s: string): boolean {
  return s.length === 8 && Number(s.slice(0, 4)) > 1900 && Number(s.slice(4, 6)) < 13 && Number(s.slice(6)) < 32;
}

const UNITS: ReadonlyArray<[prefix: string, seconds: number]> = [
  ['s', 1],
  ['min', 60],
  ['h', 3600],
  ['d', 86400],
  ['w', 604800],
  ['mon', 2592000],
  ['y', 31536000],
];

function parseOffset(offset: string, whole: string): number {
  if (offset === '') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  const body = offset.slice(1);
  let total = 0;
  const re = /(\d+)([a-z]+)/y;
  let at = 0;
  while (at < body.length) {
    re.lastIndex = at;
    const m = re.exec(body);
    if (!m) throw new InputParameterError(`Invalid offset: ${whole}`);
    // a bare `m` matches no prefix: graphite-web refuses it as ambiguous
    const unit = UNITS.find(([prefix]) => m[2].startsWith(prefix));
    if (!unit) throw new InputParameterError(`Invalid offset unit '${m[2]}' in ${whole}`);
    total += Number(m[1]) * unit[1];
    at = re.lastIndex;
  }
  if (body === '') throw new InputParameterError(`Invalid offset: ${whole}`);
  return sign * total;
}
