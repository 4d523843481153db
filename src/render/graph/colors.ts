/**
 * Colours as graphite-web's graphs name them: its aliases (which are not CSS's: `blue` is
 * (100,100,255), `darkblue` is pure blue), `RRGGBB` or `RRGGBBAA` hex with an optional `#` or
 * `%23`, each channel 0-255. The alpha of an 8-digit colour counts unless the caller forces its
 * own (graphite-web's setColor(forceAlpha)).
 */
export interface Rgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  /** 0..1 */
  readonly a: number;
}

const ALIASES: Record<string, readonly [number, number, number]> = {
  black: [0, 0, 0],
  white: [255, 255, 255],
  blue: [100, 100, 255],
  green: [0, 200, 0],
  red: [200, 0, 50],
  yellow: [255, 255, 0],
  orange: [255, 165, 0],
  purple: [200, 100, 255],
  brown: [150, 100, 50],
  cyan: [0, 255, 255],
  aqua: [0, 150, 150],
  gray: [175, 175, 175],
  grey: [175, 175, 175],
  magenta: [255, 0, 255],
  pink: [255, 100, 100],
  gold: [200, 200, 0],
  rose: [200, 150, 200],
  darkblue: [0, 0, 255],
  darkgreen: [0, 255, 0],
  darkred: [255, 0, 0],
  darkgray: [111, 111, 111],
  darkgrey: [111, 111, 111],
};

/** The colour a name gives, or null when graphite-web would refuse it. */
export function parseColor(value: string, alpha = 1, forceAlpha = false): Rgba | null {
  const alias = ALIASES[value];
  if (alias !== undefined) return { r: alias[0], g: alias[1], b: alias[2], a: alpha };
  if (value.length < 6) return null;
  let s = value.startsWith('#') ? value.slice(1) : value;
  if (s.startsWith('%23')) s = s.slice(3);
  const hex = (from: number) => {
    const part = s.slice(from, from + 2);
    return /^[0-9a-fA-F]{2}$/.test(part) ? parseInt(part, 16) : NaN;
  };
  const [r, g, b] = [hex(0), hex(2), hex(4)];
  if (Number.isNaN(r) || Number.isNaN(g) || Number.isNaN(b)) return null;
  let a = alpha;
  if (s.length === 8 && !forceAlpha) {
    const a8 = hex(6);
    if (Number.isNaN(a8)) return null;
    a = a8 / 255;
  }
  return { r, g, b, a };
}

/** `#rrggbb` for SVG attributes (the alpha goes in its own attribute). */
export function hexOf(c: Rgba): string {
  return `#${[c.r, c.g, c.b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
