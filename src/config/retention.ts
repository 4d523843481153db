import type { Retention } from '../series/types.js';
import { retentionsProblem } from '../series/retentions.js';

/** whisper's unit words; a unit is any prefix of one of them, tried in this order */
const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['seconds', 1],
  ['minutes', 60],
  ['hours', 3600],
  ['days', 86400],
  ['weeks', 7 * 86400],
  ['years', 365 * 86400],
];

function unitSeconds(unit: string): number {
  for (const [word, seconds] of UNITS) if (word.startsWith(unit)) return seconds;
  throw new Error(`invalid unit "${unit}"`);
}

/** `10s`, `1m` (minutes, as whisper reads it), `60` (seconds) -> seconds */
function parseDuration(text: string, what: string): number {
  const m = /^(\d+)([a-z]*)$/i.exec(text.trim());
  if (!m) throw new Error(`invalid ${what} "${text}"`);
  const n = Number(m[1]);
  return m[2] === '' ? n : n * unitSeconds(m[2].toLowerCase());
}

/**
 * Parses carbon's retention syntax (`10s:7d,1m:30d,10m:1y`, or `60:1440` where a bare number
 * after the colon counts points) and validates it as whisper's validateArchiveList does.
 */
export function parseRetentions(text: string): Retention[] {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  if (parts.length === 0) throw new Error('no retention given');
  const list = parts.map((part) => {
    const pieces = part.split(':');
    if (pieces.length !== 2) throw new Error(`invalid retention "${part}", expected STEP:RETENTION`);
    const step = parseDuration(pieces[0], 'precision');
    if (step < 1) throw new Error(`invalid retention "${part}": the precision must be at least 1 second`);
    const keep = /^\d+$/.test(pieces[1].trim())
      ? Number(pieces[1]) * step
      : parseDuration(pieces[1], 'retention');
    const retention = Math.floor(keep / step) * step;
    if (retention < step) throw new Error(`invalid retention "${part}": it keeps no point`);
    return { step, retention };
  });
  list.sort((a, b) => a.step - b.step);
  const problem = retentionsProblem(list);
  if (problem !== null) throw new Error(`${problem} in "${text}"`);
  return list;
}
