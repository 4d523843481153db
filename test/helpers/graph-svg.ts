/** Reading carbyne's graph svg back: its texts and graphite-web's metadata script. */
export interface SvgText {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly anchor: string;
  readonly rotate: number;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function svgTexts(svg: string): SvgText[] {
  const out: SvgText[] = [];
  for (const m of svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)) {
    const attr = (name: string) => new RegExp(`(?:^| )${name}="([^"]*)"`).exec(m[1])?.[1];
    out.push({
      text: unescape(m[2]),
      x: Number(attr('x')),
      y: Number(attr('y')),
      anchor: attr('text-anchor') ?? 'start',
      rotate: Number(/rotate\(([-\d.]+)/.exec(attr('transform') ?? '')?.[1] ?? 0),
    });
  }
  return out;
}

export function svgMetadata(svg: string): Record<string, any> {
  const m = /metadata = (.*)\n\s*\]\]><\/script>/.exec(svg);
  if (!m) throw new Error('no metadata script in the svg');
  return JSON.parse(m[1]);
}

/** The elements of a named part of the drawing (`<g class="legend">` ...), as text. */
export function svgSection(svg: string, name: string): string {
  const start = svg.indexOf(`<g class="${name}">`);
  if (start < 0) return '';
  let depth = 0;
  const re = /<g[ >]|<\/g>/g;
  re.lastIndex = start;
  for (let m = re.exec(svg); m; m = re.exec(svg)) {
    depth += m[0] === '</g>' ? -1 : 1;
    if (depth === 0) return svg.slice(start, m.index + 4);
  }
  return svg.slice(start);
}
