/** Wall-clock arithmetic in an IANA time zone, for the functions that align to local time. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** seconds to add to UTC to get the wall clock of `tz` at instant `epoch` */
export function utcOffset(epoch: number, tz: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(epoch * 1000))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) / 1000;
  return wall - Math.floor(epoch);
}

/** whether daylight saving time is in force in `tz` at `epoch` */
export function isDst(epoch: number, tz: string): boolean {
  const year = new Date((epoch + utcOffset(epoch, tz)) * 1000).getUTCFullYear();
  const jan = utcOffset(Date.UTC(year, 0, 1) / 1000, tz);
  const jul = utcOffset(Date.UTC(year, 6, 1) / 1000, tz);
  return jan !== jul && utcOffset(epoch, tz) === Math.max(jan, jul);
}

export interface WallClock {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO: Monday 1 .. Sunday 7 */
  isoWeekday: number;
}

export function wallClock(epoch: number, offset: number): WallClock {
  const d = new Date((epoch + offset) * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    isoWeekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
  };
}

/** the instant of a wall-clock time read with a fixed UTC offset */
export function fromWallClock(year: number, month: number, day: number, hour: number, minute: number, second: number, offset: number): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offset;
}
