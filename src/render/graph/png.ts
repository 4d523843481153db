import { Resvg } from '@resvg/resvg-js';
import { allFontFiles } from './font.js';

/**
 * An SVG drawn by carbyne rasterised to PNG by resvg (a Rust renderer shipped prebuilt in its
 * npm package), with the bundled fonts only: the picture is the same on every machine.
 */
export function svgToPng(svg: string): Buffer {
  const r = new Resvg(svg, {
    font: { fontFiles: allFontFiles(), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  });
  return r.render().asPng();
}
