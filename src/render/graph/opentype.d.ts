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
  export function parse(buffer: ArrayBuffer): Font;
  const opentype: { parse: typeof parse };
  export default opentype;
}
