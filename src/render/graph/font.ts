import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import opentype, { type Font } from 'opentype.js';

/**
 * Text measurement with the fonts carbyne bundles (DejaVu 2.37 from the `dejavu-fonts-ttf`
 * package): the fonts fontconfig picks for graphite-web's `Sans` on Debian, so labels take the
 * room they take in graphite-web's graphs, and the pictures look the same on every machine.
 *
 * cairo measures text two ways, and graphite-web's layout follows whichever its surface uses:
 * vector surfaces (svg, pdf) use the font's design metrics scaled to the size; the PNG surface
 * uses hinted metrics, whole pixels: ascent and descent rounded up, line height rounded, and
 * every glyph's advance rounded (cairo's hinting moves a few glyph advances by a pixel more at
 * some sizes; carbyne does not hint, so a PNG's label may be a pixel narrower or wider).
 * cairo's toy text API, which graphite-web draws with, neither kerns nor shapes: a text's
 * width is the sum of its glyphs' advances.
 */
export interface FontSpec {
  /** graphite-web's fontName; matched to a bundled family by fontFamily() */
  readonly name: string;
  readonly size: number;
  readonly bold: boolean;
  readonly italic: boolean;
}

export interface FontExtents {
  readonly ascent: number;
  readonly descent: number;
  /** cairo's font height: the distance between baselines */
  readonly height: number;
}

export type BundledFamily = 'DejaVu Sans' | 'DejaVu Serif' | 'DejaVu Sans Mono';

const FILES: Record<BundledFamily, readonly [string, string, string, string]> = {
  // regular, bold, italic, bold italic
  'DejaVu Sans': ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'],
  'DejaVu Serif': ['DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuSerif-Italic.ttf', 'DejaVuSerif-BoldItalic.ttf'],
  'DejaVu Sans Mono': ['DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf', 'DejaVuSansMono-Oblique.ttf', 'DejaVuSansMono-BoldOblique.ttf'],
};

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/**
 * The bundled family standing in for a fontName, as fontconfig's aliases do on Debian: monospace
 * names to Sans Mono, serif names to Serif, anything else (Sans, Arial, Helvetica, ...) to Sans.
 */
export function fontFamily(name: string): BundledFamily {
  const n = name.toLowerCase();
  if (/mono|courier|fixed|consol/.test(n)) return 'DejaVu Sans Mono';
  if (/serif|times|georgia|roman/.test(n) && !/sans/.test(n)) return 'DejaVu Serif';
  return 'DejaVu Sans';
}

/** The font file drawing a face (for the rasteriser and the PDF writer). */
export function fontFile(font: Pick<FontSpec, 'name' | 'bold' | 'italic'>): string {
  return join(FONT_DIR, FILES[fontFamily(font.name)][(font.bold ? 1 : 0) + (font.italic ? 2 : 0)]);
}

/** Every bundled font file: the rasteriser is given all of them. */
export function allFontFiles(): string[] {
  return Object.values(FILES).flatMap((files) => files.map((f) => join(FONT_DIR, f)));
}

interface Face {
  readonly unitsPerEm: number;
  readonly ascender: number;
  readonly descender: number;
  readonly lineGap: number;
  /** advance widths by code point, filled as texts are measured */
  readonly advances: Map<number, number>;
  readonly font: Font;
}

const faces = new Map<string, Face>();

function face(file: string): Face {
  let f = faces.get(file);
  if (f === undefined) {
    const bytes = readFileSync(file);
    // glyphs read as texts ask for them: parsing every glyph of a face holds the event loop
    // ~200 ms, and a graph measures a few dozen characters (issue 14)
    const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), { lowMemory: true });
    const hhea = font.tables.hhea as { ascender: number; descender: number; lineGap: number };
    f = { unitsPerEm: font.unitsPerEm, ascender: hhea.ascender, descender: -hhea.descender, lineGap: hhea.lineGap, advances: new Map(), font };
    faces.set(file, f);
  }
  return f;
}

/**
 * Reads the face drawing `font` now: the first measure of a face parses its file, tens of ms
 * holding the event loop, which a server pays once as it starts rather than in a request.
 */
export function loadFace(font: Pick<FontSpec, 'name' | 'bold' | 'italic'>): void {
  face(fontFile(font));
}

function advance(f: Face, codePoint: number): number {
  let a = f.advances.get(codePoint);
  if (a === undefined) {
    a = f.font.charToGlyph(String.fromCodePoint(codePoint)).advanceWidth ?? 0;
    f.advances.set(codePoint, a);
  }
  return a;
}

/** Measures text as one of cairo's surfaces does: `hinted` for PNG, design metrics for svg and pdf. */
export class TextMeasure {
  constructor(readonly hinted: boolean) {}

  extents(font: FontSpec): FontExtents {
    const f = face(fontFile(font));
    const scale = font.size / f.unitsPerEm;
    const ascent = f.ascender * scale;
    const descent = f.descender * scale;
    const height = (f.ascender + f.descender + f.lineGap) * scale;
    if (!this.hinted) return { ascent, descent, height };
    return { ascent: Math.ceil(ascent), descent: Math.ceil(descent), height: Math.round(height) };
  }

  width(text: string, font: FontSpec): number {
    const f = face(fontFile(font));
    const scale = font.size / f.unitsPerEm;
    let w = 0;
    for (const ch of text) {
      const a = advance(f, ch.codePointAt(0)!) * scale;
      w += this.hinted ? Math.round(a) : a;
    }
    return w;
  }
}
