import type { RenderFunction } from './function-types.js';

/** Render functions by name; a name given twice is a programming error. */
export function functionMap(functions: readonly RenderFunction[]): Map<string, RenderFunction> {
  const map = new Map<string, RenderFunction>();
  for (const f of functions) {
    if (map.has(f.name)) throw new Error(`render function ${f.name} is defined twice`);
    map.set(f.name, f);
  }
  return map;
}
