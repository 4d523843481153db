/** graphite-web's format_units (render/glyph.py) for the si and binary systems, as legendValue uses it. */

export type UnitSystem = 'si' | 'binary';

const SYSTEMS: Record<UnitSystem, ReadonlyArray<readonly [string, number]>> = {
  binary: [
    ['Pi', 1024 ** 5],
    ['Ti', 1024 ** 4],
    ['Gi', 1024 ** 3],
    ['Mi', 1024 ** 2],
    ['Ki', 1024],
  ],
  si: [
    ['P', 1000 ** 5],
    ['T', 1000 ** 4],
    ['G', 1000 ** 3],
    ['M', 1000 ** 2],
    ['k', 1000],
  ],
};

/** the value scaled down by the largest prefix it reaches, and that prefix */
export function formatUnits(v: number, system: UnitSystem): [number, string] {
  for (const [prefix, size] of SYSTEMS[system]) {
    if (Math.abs(v) >= size) {
      let v2 = v / size;
      if (v2 - Math.floor(v2) < 0.00000000001 && v > 1) v2 = Math.floor(v2);
      return [v2, prefix];
    }
  }
  if (v - Math.floor(v) < 0.00000000001 && v > 1) v = Math.floor(v);
  return [v, ''];
}
