/**
 * IANA time zones through Intl: UTC offsets, wall-clock fields, and turning a wall-clock time
 * back into an instant with pytz's `localize(is_dst=False)` choices, which graphite-web uses.
 */

export interface WallClock {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * The canonical zone for a name as pytz resolves it (case-insensitively), or null when the
 * name is unknown (graphite-web then keeps its default zone).
 */
export function resolveZone(name: string): string | null {
  if (name.length === 0 || /^[+-]?\d/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Wall-clock fields of the instant `epochSeconds` in `zone`. */
export function wallClock(zone: string, epochSeconds: number): WallClock {
  if (zone === 'UTC') return utcWallClock(epochSeconds);
  const w: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  let bc = false;
  for (const p of formatter(zone).formatToParts(epochSeconds * 1000)) {
    switch (p.type) {
      case 'year': w.year = Number(p.value); break;
      case 'month': w.month = Number(p.value); break;
      case 'day': w.day = Number(p.value); break;
      case 'hour': w.hour = Number(p.value); break;
      case 'minute': w.minute = Number(p.value); break;
      case 'second': w.second = Number(p.value); break;
      case 'weekday': w.weekday = WEEKDAYS[p.value] ?? 0; break;
      case 'era': bc = p.value === 'BC' || p.value === 'B'; break;
    }
  }
  if (bc) w.year = 1 - w.year;
  return w;
}

function utcWallClock(epochSeconds: number): WallClock {
  const d = new Date(epochSeconds * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** Wall-clock fields read as if they were UTC: seconds since the epoch of that wall time. */
export function wallSeconds(w: Pick<WallClock, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'>): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  return d.getTime() / 1000;
}

/** UTC offset of `zone` at the instant, in seconds (east positive). */
export function utcOffset(zone: string, epochSeconds: number): number {
  if (zone === 'UTC') return 0;
  const t = Math.floor(epochSeconds);
  return wallSeconds(wallClock(zone, t)) - t;
}

/**
 * Whether daylight saving time is in force in `zone` at the instant: the zone's offset then is
 * the larger of its offsets at the start of January and of July of that (local) year.
 */
export function isDst(zone: string, epochSeconds: number): boolean {
  if (zone === 'UTC') return false;
  const year = wallClock(zone, Math.floor(epochSeconds)).year;
  const jan = utcOffset(zone, wallSeconds({ year, month: 1, day: 1, hour: 0, minute: 0, second: 0 }));
  const jul = utcOffset(zone, wallSeconds({ year, month: 7, day: 1, hour: 0, minute: 0, second: 0 }));
  return jan !== jul && utcOffset(zone, epochSeconds) === Math.max(jan, jul);
}

/**
 * The instant a wall-clock time (given as wall seconds, see wallSeconds) names in `zone`,
 * as pytz's localize(is_dst=False): an ambiguous time (clocks going back) takes the later
 * instant, a time skipped by clocks going forward takes the offset in force before the jump.
 */
export function localize(zone: string, wall: number): number {
  if (zone === 'UTC') return wall;
  const candidates = new Set<number>();
  for (const probe of [wall - 86400, wall + 86400]) {
    const off = utcOffset(zone, probe);
    if (utcOffset(zone, wall - off) === off) candidates.add(wall - off);
  }
  if (candidates.size > 0) return Math.max(...candidates);
  // skipped: as pytz, localize six hours earlier and move forward again
  return localize(zone, wall - 6 * 3600) + 6 * 3600;
}

/**
 * Formats an instant as `%Y-%m-%d %H:%M:%S` in `zone`. Offsets are cached per quarter hour, as
 * zone transitions are rare and a CSV answer formats every point.
 */
export class ZonedFormatter {
  private readonly offsets = new Map<number, number | null>();

  constructor(private readonly zone: string) {}

  format(epochSeconds: number): string {
    const off = this.offsetAt(epochSeconds);
    const d = new Date((epochSeconds + off) * 1000);
    const y = d.getUTCFullYear();
    return `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  }

  private offsetAt(t: number): number {
    if (this.zone === 'UTC') return 0;
    const bucket = Math.floor(t / 900);
    let off = this.offsets.get(bucket);
    if (off === undefined) {
      const a = utcOffset(this.zone, bucket * 900);
      const b = utcOffset(this.zone, bucket * 900 + 899);
      off = a === b ? a : null;
      if (this.offsets.size > 10_000) this.offsets.clear();
      this.offsets.set(bucket, off);
    }
    return off ?? utcOffset(this.zone, t);
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
