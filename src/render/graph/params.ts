import { InputError } from '../function-types.js';

/**
 * The graph parameters of a /render request as graphite-web reads them (parseOptions): only the
 * names the graph type accepts, each value turned into an int when it is digits (not for colour
 * parameters), a float when it has one dot, a boolean for true/false (any case), and dropped
 * when empty or `default`; anything else stays text. Readers then take a number, a flag or a
 * text from these, with graphite-web's defaults and Python's truthiness for flags.
 */
export type GraphValue = number | boolean | string;

export const GRAPH_TYPES = ['line', 'pie'] as const;
export type GraphType = (typeof GRAPH_TYPES)[number];

const COMMON = ['width', 'height', 'margin', 'bgcolor', 'fgcolor', 'fontName', 'fontSize', 'fontBold', 'fontItalic', 'colorList', 'template', 'yAxisSide', 'outputFormat'];

/** the parameters each graph type reads (graphite-web's `customizable`) */
export const GRAPH_PARAMS: Record<GraphType, readonly string[]> = {
  line: [
    ...COMMON,
    'title', 'vtitle', 'lineMode', 'lineWidth', 'hideLegend', 'hideAxes', 'minXStep', 'hideGrid', 'majorGridLineColor',
    'minorGridLineColor', 'thickness', 'min', 'max', 'graphOnly', 'yMin', 'yMax', 'yLimit', 'yStep', 'areaMode',
    'areaAlpha', 'drawNullAsZero', 'tz', 'yAxisSide', 'pieMode', 'yUnitSystem', 'logBase', 'yMinLeft', 'yMinRight', 'yMaxLeft',
    'yMaxRight', 'yLimitLeft', 'yLimitRight', 'yStepLeft', 'yStepRight', 'rightWidth', 'rightColor', 'rightDashed',
    'leftWidth', 'leftColor', 'leftDashed', 'xFormat', 'minorY', 'hideYAxis', 'uniqueLegend', 'vtitleRight', 'yDivisors',
    'connectedLimit', 'hideXAxis', 'hideNullFromLegend',
  ],
  pie: [...COMMON, 'title', 'valueLabels', 'valueLabelsMin', 'hideLegend', 'pieLabels', 'areaAlpha', 'valueLabelsColor'],
};

interface Source {
  get(key: string): string | undefined | null;
}

/** graphite-web's conversion of one parameter's text; undefined when it is dropped */
export function convertGraphValue(name: string, text: string): GraphValue | undefined {
  if ((/^\d+$/.test(text) || /^-\d+$/.test(text)) && !name.toLowerCase().includes('color')) return parseInt(text, 10);
  if (text.includes('.') && (/^\d*\.?\d*$/.test(text) || /^-\d*\.?\d*$/.test(text)) && /\d/.test(text)) return parseFloat(text);
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (text.toLowerCase() === 'default' || text === '') return undefined;
  return text;
}

export class GraphParams {
  private readonly values = new Map<string, GraphValue>();
  /** the texts as given, for parameters read as text (a title of `2.0` stays `2.0`) */
  private readonly texts = new Map<string, string>();

  constructor(entries: Iterable<[string, GraphValue]> = []) {
    for (const [k, v] of entries) this.values.set(k, v);
  }

  static read(type: GraphType, params: Source): GraphParams {
    const out = new GraphParams();
    for (const name of GRAPH_PARAMS[type]) {
      const text = params.get(name);
      if (text === undefined || text === null) continue;
      const v = convertGraphValue(name, text);
      if (v === undefined) continue;
      out.values.set(name, v);
      out.texts.set(name, text);
    }
    return out;
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  raw(name: string): GraphValue | undefined {
    return this.values.get(name);
  }

  set(name: string, v: GraphValue): void {
    this.values.set(name, v);
    this.texts.delete(name);
  }

  /** Python's truthiness of the value, `fallback` when absent */
  flag(name: string, fallback = false): boolean {
    const v = this.values.get(name);
    if (v === undefined) return fallback;
    return typeof v === 'string' ? v.length > 0 : Boolean(v);
  }

  /** a number; a text that is not one is the user's mistake */
  number(name: string): number | undefined;
  number(name: string, fallback: number): number;
  number(name: string, fallback?: number): number | undefined {
    const v = this.values.get(name);
    if (v === undefined) return fallback;
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    const n = Number(v.trim());
    if (v.trim() === '' || Number.isNaN(n)) throw new InputError(`Invalid value for '${name}': '${v}' is not a number`);
    return n;
  }

  text(name: string): string | undefined;
  text(name: string, fallback: string): string;
  text(name: string, fallback?: string): string | undefined {
    const v = this.values.get(name);
    if (v === undefined) return fallback;
    return this.texts.get(name) ?? (typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));
  }

  entries(): IterableIterator<[string, GraphValue]> {
    return this.values.entries();
  }
}
