import { utcOffset } from '../timezone.js';

/**
 * The time axis as graphite-web lays it out: a configuration chosen by seconds per pixel and the
 * time range (rrdtool's table), giving the minor and major grid steps and the label step and
 * format; times are walked in the zone's offset at the graph's start, as graphite-web's
 * datetime arithmetic does (a DST change inside the graph does not move the labels).
 */
const SEC = 1;
const MIN = 60;
const HOUR = 3600;
const DAY = 86400;

/** graphite-web's DATE_FORMAT setting */
const DATE_FORMAT = '%m/%d';

export interface XAxisConfig {
  readonly seconds: number;
  readonly minorGridUnit: number;
  readonly minorGridStep: number;
  readonly majorGridUnit: number;
  readonly majorGridStep: number;
  readonly labelUnit: number;
  readonly labelStep: number;
  readonly format: string;
  readonly maxInterval?: number;
}

const c = (seconds: number, minorGridUnit: number, minorGridStep: number, majorGridUnit: number, majorGridStep: number, labelUnit: number, labelStep: number, format: string, maxInterval?: number): XAxisConfig => ({
  seconds, minorGridUnit, minorGridStep, majorGridUnit, majorGridStep, labelUnit, labelStep, format, maxInterval,
});

export const X_AXIS_CONFIGS: readonly XAxisConfig[] = [
  c(0.0, SEC, 5, MIN, 1, SEC, 5, '%H:%M:%S', 10 * MIN),
  c(0.07, SEC, 10, MIN, 1, SEC, 10, '%H:%M:%S', 20 * MIN),
  c(0.14, SEC, 15, MIN, 1, SEC, 15, '%H:%M:%S', 30 * MIN),
  c(0.27, SEC, 30, MIN, 2, MIN, 1, '%H:%M', 2 * HOUR),
  c(0.5, MIN, 1, MIN, 2, MIN, 1, '%H:%M', 2 * HOUR),
  c(1.2, MIN, 1, MIN, 4, MIN, 2, '%H:%M', 3 * HOUR),
  c(2, MIN, 1, MIN, 10, MIN, 5, '%H:%M', 6 * HOUR),
  c(5, MIN, 2, MIN, 10, MIN, 10, '%H:%M', 12 * HOUR),
  c(10, MIN, 5, MIN, 20, MIN, 20, '%H:%M', 1 * DAY),
  c(30, MIN, 10, HOUR, 1, HOUR, 1, '%H:%M', 2 * DAY),
  c(60, MIN, 30, HOUR, 2, HOUR, 2, '%H:%M', 2 * DAY),
  c(100, HOUR, 2, HOUR, 4, HOUR, 4, '%a %H:%M', 6 * DAY),
  c(255, HOUR, 6, HOUR, 12, HOUR, 12, `${DATE_FORMAT} %H:%M`, 10 * DAY),
  c(600, HOUR, 6, DAY, 1, DAY, 1, DATE_FORMAT, 14 * DAY),
  c(1000, HOUR, 12, DAY, 1, DAY, 1, DATE_FORMAT, 365 * DAY),
  c(2000, DAY, 1, DAY, 2, DAY, 2, DATE_FORMAT, 365 * DAY),
  c(4000, DAY, 2, DAY, 4, DAY, 4, DATE_FORMAT, 365 * DAY),
  c(8000, DAY, 3.5, DAY, 7, DAY, 7, DATE_FORMAT, 365 * DAY),
  c(16000, DAY, 7, DAY, 14, DAY, 14, DATE_FORMAT, 365 * DAY),
  c(32000, DAY, 15, DAY, 30, DAY, 30, DATE_FORMAT, 365 * DAY),
  c(64000, DAY, 30, DAY, 60, DAY, 60, `${DATE_FORMAT} %Y`),
  c(100000, DAY, 60, DAY, 120, DAY, 120, `${DATE_FORMAT} %Y`),
  c(120000, DAY, 120, DAY, 240, DAY, 240, `${DATE_FORMAT} %Y`),
];

/** The last configuration fine enough for the pixels and long enough for the range. */
export function chooseXAxisConfig(timeRange: number, graphWidth: number): XAxisConfig {
  const secondsPerPixel = timeRange / graphWidth;
  let chosen: XAxisConfig | undefined;
  for (const conf of X_AXIS_CONFIGS) if (conf.seconds <= secondsPerPixel && (conf.maxInterval ?? timeRange + 1) >= timeRange) chosen = conf;
  return chosen ?? X_AXIS_CONFIGS[X_AXIS_CONFIGS.length - 1];
}

/** A time as graphite-web's axis code sees it: an instant and its wall clock in a fixed offset. */
export class AxisClock {
  /** the zone's offset at the graph's start, seconds east of UTC */
  readonly offset: number;

  constructor(zone: string, readonly start: number) {
    this.offset = utcOffset(zone, start);
  }

  /**
   * The instants of the ticks with `step` units from the start: the start's wall clock truncated
   * to the unit (and to a multiple of the step, days excepted), moved forward by steps to the
   * start, then on while before `end`. At most `limit` ticks.
   */
  ticks(unit: number, step: number, end: number, limit = 10_000): number[] {
    const wall = this.start + this.offset;
    const day = Math.floor(wall / DAY) * DAY;
    const inDay = wall - day;
    const h = Math.floor(inDay / HOUR);
    const m = Math.floor((inDay % HOUR) / MIN);
    const s = Math.floor(inDay % MIN);
    let first: number;
    // datetime.replace keeps the fraction of a second only for whole-second units
    const frac = wall - Math.floor(wall);
    if (unit === SEC) first = day + h * HOUR + m * MIN + (s - (s % step)) + frac;
    else if (unit === MIN) first = day + h * HOUR + (m - (m % step)) * MIN + frac;
    else if (unit === HOUR) first = day + (h - (h % step)) * HOUR + frac;
    else first = day + frac;
    const delta = unit * step;
    let t = first - this.offset;
    while (t < this.start) t += delta;
    const out: number[] = [];
    for (; t < end && out.length < limit; t += delta) out.push(t);
    return out;
  }

  /** strftime of an instant in this clock's offset (C locale; the directives axis formats use). */
  format(instant: number, fmt: string): string {
    return strftime(new Date(Math.floor(instant + this.offset) * 1000), fmt);
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const FULL_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number, width = 2, fill = '0') => String(n).padStart(width, fill);

/** C-locale strftime on a Date's UTC fields (the caller shifts by the zone's offset). */
export function strftime(d: Date, fmt: string): string {
  return fmt.replace(/%([%a-zA-Z])/g, (all, k: string) => {
    const hour12 = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
    switch (k) {
      case '%': return '%';
      case 'a': return DAYS[d.getUTCDay()];
      case 'A': return FULL_DAYS[d.getUTCDay()];
      case 'b': case 'h': return MONTHS[d.getUTCMonth()];
      case 'B': return FULL_MONTHS[d.getUTCMonth()];
      case 'd': return pad(d.getUTCDate());
      case 'e': return pad(d.getUTCDate(), 2, ' ');
      case 'H': return pad(d.getUTCHours());
      case 'I': return pad(hour12);
      case 'l': return pad(hour12, 2, ' ');
      case 'k': return pad(d.getUTCHours(), 2, ' ');
      case 'm': return pad(d.getUTCMonth() + 1);
      case 'M': return pad(d.getUTCMinutes());
      case 'S': return pad(d.getUTCSeconds());
      case 'p': return d.getUTCHours() < 12 ? 'AM' : 'PM';
      case 'y': return pad(d.getUTCFullYear() % 100);
      case 'Y': return String(d.getUTCFullYear());
      case 'j': return pad(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1, 3);
      case 'w': return String(d.getUTCDay());
      case 'u': return String(d.getUTCDay() === 0 ? 7 : d.getUTCDay());
      case 'D': return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCFullYear() % 100)}`;
      case 'F': return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      case 'R': return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
      case 'T': return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      case 'Z': return '';
      case 'z': return '+0000';
      case 's': return String(Math.floor(d.getTime() / 1000));
      default: return all;
    }
  });
}
