// The part of opentype.js carbyne uses (its DefinitelyTyped package pulls in the DOM's types).
declare module 'opentype.js' {
  export interface Glyph {
    readonly index: number;
    readonly advanceWidth?: number;
  }
  export interface Font {
    readonly unitsPerEm: number;
    readonly tables: Record<string, unknown>;
    charToGlyph(char: string): Glyph;
  }
  /** lowMemory: glyphs are read when first asked for, not all while parsing */
  export function parse(buffer: ArrayBuffer, options?: { lowMemory?: boolean }): Font;
  const opentype: { parse: typeof parse };
  export default opentype;
}
