/**
 * A small target evaluator for testing render functions without the render route: calls,
 * keyword arguments, numbers, strings, booleans, None, inf, and metric paths, whose series come
 * from a `fetch` callback (golden raw answers of graphite-web). Arguments are bound to the
 * functions' ParamSpecs as the evaluator contract says (positional, `multiple` takes the rest,
 * keywords by name, defaults for omitted ones). Not a substitute for src/render's parser.
 */
import { bindDefault, type ArgValue, type BoundArgs, type EvalContext, type RenderFunction, type RequestContext } from '../../src/render/function-types.js';
import type { Series } from '../../src/render/series.js';

type Node =
  | { kind: 'call'; name: string; args: Node[]; kwargs: Record<string, Node> }
  | { kind: 'path'; path: string }
  | { kind: 'literal'; value: ArgValue };

export function parseTarget(text: string): Node {
  let pos = 0;
  const ws = () => {
    while (pos < text.length && text[pos] === ' ') pos++;
  };
  const expr = (): Node => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*\(/.exec(text.slice(pos));
    if (m) {
      pos += m[0].length;
      const name = m[0].slice(0, -1);
      const args: Node[] = [];
      const kwargs: Record<string, Node> = {};
      ws();
      if (text[pos] === ')') {
        pos++;
        return { kind: 'call', name, args, kwargs };
      }
      for (;;) {
        ws();
        const kw = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(text.slice(pos));
        if (kw) {
          pos += kw[0].length;
          kwargs[kw[1]] = arg();
        } else {
          args.push(arg());
        }
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ')') {
          pos++;
          return { kind: 'call', name, args, kwargs };
        }
        throw new Error(`unexpected ${JSON.stringify(text[pos])} at ${pos} in ${text}`);
      }
    }
    let depth = 0;
    const start = pos;
    while (pos < text.length) {
      const c = text[pos];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (depth === 0 && (c === ',' || c === ')')) break;
      pos++;
    }
    return { kind: 'path', path: text.slice(start, pos).trim() };
  };
  const arg = (): Node => {
    ws();
    const rest = text.slice(pos);
    const num = /^-?\d+(\.\d+)?([eE]-?\d+)?(?=\s*[,)])/.exec(rest);
    if (num) {
      pos += num[0].length;
      return { kind: 'literal', value: Number(num[0]) };
    }
    const str = /^("([^"]*)"|'([^']*)')/.exec(rest);
    if (str) {
      pos += str[0].length;
      return { kind: 'literal', value: str[2] ?? str[3] };
    }
    const word = /^(true|false|None|inf)(?=\s*[,)])/i.exec(rest);
    if (word) {
      pos += word[0].length;
      const w = word[1].toLowerCase();
      return { kind: 'literal', value: w === 'true' ? true : w === 'false' ? false : w === 'inf' ? Infinity : null };
    }
    return expr();
  };
  const node = expr();
  return node;
}

export interface HarnessOptions {
  functions: (name: string) => RenderFunction | undefined;
  /** the series of a metric path over [startTime, endTime] */
  fetch: (path: string, startTime: number, endTime: number) => Series[] | Promise<Series[]>;
}

export async function evaluateTarget(target: string, request: RequestContext, opts: HarnessOptions): Promise<Series[]> {
  const state = { xFilesFactor: request.xFilesFactor };
  const run = async (node: Node, range: RequestContext): Promise<ArgValue> => {
    if (node.kind === 'literal') return node.value;
    if (node.kind === 'path') return [...(await opts.fetch(node.path, range.startTime, range.endTime))];
    const fn = opts.functions(node.name);
    if (!fn) throw new Error(`unknown function ${node.name}`);
    const values = [];
    for (const a of node.args) values.push(await run(a, range));
    const args: BoundArgs = {};
    let i = 0;
    for (const p of fn.params) {
      if (p.multiple) {
        args[p.name] = values.slice(i);
        i = values.length;
      } else if (i < values.length) {
        args[p.name] = values[i++];
      } else if (node.kwargs[p.name]) {
        args[p.name] = await run(node.kwargs[p.name], range);
      } else if (p.default !== undefined) {
        bindDefault(args, p);
      } else if (p.required) {
        throw new Error(`missing ${p.name} of ${node.name}`);
      }
    }
    return fn.run(context(range, node), args);
  };
  const context = (range: RequestContext, call?: Extract<Node, { kind: 'call' }>): EvalContext => ({
    ...range,
    get xFilesFactor() {
      return state.xFilesFactor;
    },
    set xFilesFactor(v: number) {
      state.xFilesFactor = v;
    },
    evaluateArg: call
      ? async (index: number, changes: Partial<RequestContext> = {}) => {
          const arg = call.args[index];
          const r = arg ? await run(arg, { ...range, xFilesFactor: state.xFilesFactor, ...changes }) : [];
          return Array.isArray(r) ? (r as Series[]) : [];
        }
      : undefined,
    evaluate: async (t: string, changes: Partial<RequestContext> = {}) => {
      const r = await run(parseTarget(t), { ...range, ...changes });
      return r as Series[];
    },
    checkDeadline() {},
  });
  const result = await run(parseTarget(target), request);
  return Array.isArray(result) ? (result as Series[]) : [];
}

/** A series as graphite-web's JSON answer shows it. */
export function seriesToJson(s: Series) {
  const datapoints: [number | null, number][] = [];
  const step = s.step * s.valuesPerPoint;
  for (let i = 0, t = s.start; i < s.values.length && t <= s.end; i++, t += step) {
    const v = s.values[i];
    datapoints.push([Number.isNaN(v) ? null : v, t]);
  }
  return { target: s.name, tags: s.tags, datapoints };
}
