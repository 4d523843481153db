import { Resvg, renderAsync } from '@resvg/resvg-js';
import { allFontFiles } from './font.js';

/**
 * An SVG drawn by carbyne rasterised to PNG by resvg (a Rust renderer shipped prebuilt in its
 * npm package), with the bundled fonts only: the picture is the same on every machine.
 */
export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, pngOptions()).render().asPng();
}

/**
 * svgToPng on libuv's thread pool: rasterising a graph of many long series takes seconds,
 * which must not hold the event loop (issue 14). `signal` stops it (a render past its time
 * limit, a client gone).
 */
export async function svgToPngOffLoop(svg: string, signal?: AbortSignal): Promise<Buffer> {
  try {
    return (await renderAsync(svg, pngOptions(), signal ?? null)).asPng();
  } catch (err) {
    // stopped: the reason it was called off (a limit's error), not resvg's abort error
    if (signal?.aborted) throw signal.reason;
    throw err;
  }
}

function pngOptions() {
  return { font: { fontFiles: allFontFiles(), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' } };
}
