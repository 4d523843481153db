import type { AnyRenderFunction } from './function-types.js';

/** Render functions by name; a name given twice is a programming error. */
export function functionMap(functions: readonly AnyRenderFunction[]): Map<string, AnyRenderFunction> {
  const map = new Map<string, AnyRenderFunction>();
  for (const f of functions) {
    if (map.has(f.name)) throw new Error(`render function ${f.name} is defined twice`);
    map.set(f.name, f);
  }
  return map;
}
