import type { Canvas, Node, Stroke } from './canvas.js';
import { num } from './canvas.js';
import { hexOf, type Rgba } from './colors.js';
import { fontFamily } from './font.js';

/** Elements written between two yields of svgWork: a path may hold thousands of points. */
const NODES_PER_UNIT = 64;

/**
 * A recorded drawing as an SVG document in the shape of graphite-web's: pixel width and height,
 * a `graphite` group holding the drawing (its parts as groups named title, legend, axes, grid,
 * lines), and a script setting `metadata` to what graphite-web puts there (time range, drawing
 * area, font, y axis, series; `metadataJson` is that object as JSON), left out when the svg is
 * only rasterised (the series' values make most of its bytes). Text stays text, in the bundled
 * fonts' family names. Work that yields every few elements (see LineGraph.draw).
 */
export function* svgWork(canvas: Canvas, metadataJson: string | null): Generator<void, string> {
  const clips: string[] = [];
  const body: string[] = [];
  // the tree is walked with an explicit stack: a generator cannot yield from inside a callback
  const stack: Array<{ children: readonly Node[]; next: number }> = [{ children: canvas.root.children, next: 0 }];
  let written = 0;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next === top.children.length) {
      stack.pop();
      if (stack.length > 0) body.push('</g>');
      continue;
    }
    const node = top.children[top.next++];
    switch (node.kind) {
      case 'path':
        body.push(`<path d="${node.d}"${node.fill ? paint('fill', node.fill) : ' fill="none"'}${node.stroke ? stroke(node.stroke) : ''}/>`);
        break;
      case 'text':
        body.push(text(node));
        break;
      case 'group': {
        let open = '<g';
        if (node.name) open += ` class="${node.name}"`;
        if (node.clip !== undefined) {
          const id = `clip${clips.length + 1}`;
          clips.push(`<clipPath id="${id}"><path d="${node.clip}"/></clipPath>`);
          open += ` clip-path="url(#${id})"`;
        }
        body.push(`${open}>`);
        stack.push({ children: node.children, next: 0 });
        break;
      }
    }
    if (++written % NODES_PER_UNIT === 0) yield;
  }
  // `<` cannot end the script early inside CDATA, but `]]>` could: JSON never writes it unescaped
  const meta = metadataJson === null ? null : metadataJson.replace(/]]>/g, ']]\\u003e');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${num(canvas.width)}px" height="${num(canvas.height)}px" viewBox="0 0 ${num(canvas.width)} ${num(canvas.height)}" version="1.1">`,
    `<defs>${clips.join('')}</defs>`,
    '<g class="graphite">',
    ...body,
    '</g>',
    ...(meta === null ? [] : [`<script><![CDATA[\n    metadata = ${meta}\n  ]]></script>`]),
    '</svg>',
  ].join('\n');
}

function paint(what: 'fill' | 'stroke', c: Rgba): string {
  return ` ${what}="${hexOf(c)}"${c.a < 1 ? ` ${what}-opacity="${num(c.a)}"` : ''}`;
}

function stroke(s: Stroke): string {
  // cairo's defaults differ from SVG's in the miter limit; its dash starts one unit in
  const dash = s.dash !== undefined && s.dash > 0 ? ` stroke-dasharray="${num(s.dash)}" stroke-dashoffset="1"` : '';
  return `${paint('stroke', s.color)} stroke-width="${num(s.width)}" stroke-miterlimit="10"${dash}`;
}

function text(t: Extract<Node, { kind: 'text' }>): string {
  const f = t.font;
  const attrs = [
    `x="${num(t.x)}"`,
    `y="${num(t.y)}"`,
    `font-family="${fontFamily(f.name)}"`,
    `font-size="${num(f.size)}"`,
    f.bold ? 'font-weight="bold"' : '',
    f.italic ? 'font-style="italic"' : '',
    t.anchor !== 'start' ? `text-anchor="${t.anchor}"` : '',
    t.rotate !== 0 ? `transform="rotate(${num(t.rotate)} ${num(t.x)} ${num(t.y)})"` : '',
  ].filter((a) => a !== '');
  return `<text ${attrs.join(' ')}${paint('fill', t.color)} xml:space="preserve">${escapeXml(t.text)}</text>`;
}

/** Text content of an element: markup characters escaped, and characters XML 1.0 forbids dropped. */
function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
