import { pyFormatFixed, pyFormatG } from '../../lib/python-format.js';

/**
 * graphite-web's unit systems for axis labels (yUnitSystem): a prefix applies when the value,
 * and the axis step, reach its size.
 */
export const UNIT_SYSTEMS = {
  binary: [['Pi', 1024 ** 5], ['Ti', 1024 ** 4], ['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]],
  si: [['P', 1000 ** 5], ['T', 1000 ** 4], ['G', 1000 ** 3], ['M', 1000 ** 2], ['k', 1000]],
  sec: [['Y', 60 * 60 * 24 * 365], ['M', 60 * 60 * 24 * 30], ['D', 60 * 60 * 24], ['H', 60 * 60], ['m', 60]],
  msec: [['Y', 60 * 60 * 24 * 365 * 1000], ['M', 60 * 60 * 24 * 30 * 1000], ['D', 60 * 60 * 24 * 1000], ['H', 60 * 60 * 1000], ['m', 60 * 1000], ['s', 1000]],
  none: [],
} as const satisfies Record<string, ReadonlyArray<readonly [string, number]>>;

export type UnitSystem = keyof typeof UNIT_SYSTEMS;

export function isUnitSystem(name: string): name is UnitSystem {
  return Object.hasOwn(UNIT_SYSTEMS, name);
}

/**
 * A value in the largest unit it (and `step`, when given) reaches: the scaled value and the
 * prefix. Values just above a whole number are floored, as graphite-web's format_units does.
 */
export function formatUnits(v: number, step: number | null, system: UnitSystem): { value: number; prefix: string } {
  for (const [prefix, size] of UNIT_SYSTEMS[system]) {
    if (Math.abs(v) >= size && (step === null || step >= size)) {
      let v2 = v / size;
      if (v2 - Math.floor(v2) < 1e-11 && v > 1) v2 = Math.floor(v2);
      return { value: v2, prefix };
    }
  }
  if (v - Math.floor(v) < 1e-11 && v > 1) v = Math.floor(v);
  return { value: v, prefix: '' };
}

/**
 * The text of an axis label, as graphite-web's makeLabel: the number in the axis' unit with
 * precision chosen from the value and the axis span, then a space and the prefix. Its quirks
 * stay: every negative value takes `%g`, and a prefixed label always takes one decimal (the
 * span's prefix is compared with the label's prefix after a space was added to the latter).
 */
export function axisLabel(value: number, step: number | null, span: number, system: UnitSystem): string {
  const v = formatUnits(value, step, system);
  const s = formatUnits(span, step, system);
  const prefix = v.prefix === '' ? '' : `${v.prefix} `;
  const x = v.value;
  if (x < 0.1) return `${pyFormatG(x)} ${prefix}`;
  if (x < 1.0) return `${pyFormatFixed(x, 2)} ${prefix}`;
  if (s.value > 10 || s.prefix !== prefix) return `${pyFormatFixed(x, 1)} ${prefix}`;
  if (s.value > 3) return `${pyFormatFixed(x, 1)} ${prefix}`;
  if (s.value > 0.1) return `${pyFormatFixed(x, 2)} ${prefix}`;
  return `${pyFormatG(x)} ${prefix}`;
}
