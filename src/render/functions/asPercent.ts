import { defineFunction, InputError, type RenderFunction, type RequestContext } from '../function-types.js';
import { param } from '../function-params.js';
import { Series } from '../series.js';
import { pyNumberStr } from '../../lib/python-format.js';
import { consolidateValues } from './lib/consolidate.js';
import { groupByAggKey, type NodeOrTag } from './lib/nodes.js';
import { pyMod } from '../../lib/python-math.js';
import { at, lcm, longest } from './lib/normalize.js';
import { formatPathExpressions } from './lib/path-expressions.js';
import { safeDiv, safeSum } from './lib/safe.js';
import { SERIES_LIST } from './lib/params.js';

interface Bounds {
  start: number;
  end: number;
  step: number;
}

/**
 * graphite-web's asPercent keeps each series' consolidation (valuesPerPoint) as the last
 * normalize set it, and reuses the bounds of the last normalize for series it builds from
 * nothing; this reproduces both.
 */
class Normalizer {
  private readonly vpp = new Map<Series, number>();
  last: Bounds | null = null;

  normalize(list: readonly Series[]): Bounds {
    let step = list[0].step;
    for (const s of list) step = lcm(step, s.step);
    let start = Infinity;
    let end = -Infinity;
    for (const s of list) {
      this.vpp.set(s, Math.floor(step / s.step));
      start = Math.min(start, s.start);
      end = Math.max(end, s.end);
    }
    end -= pyMod(end - start, step);
    this.last = { start, end, step };
    return this.last;
  }

  values(s: Series): Float64Array {
    return consolidateValues(s.values, this.vpp.get(s) ?? s.valuesPerPoint, s.consolidationFunc, s.xFilesFactor);
  }

  sumRows(list: readonly Series[]): Float64Array {
    const cols = list.map((s) => this.values(s));
    const len = longest(cols);
    const out = new Float64Array(len);
    const row = new Float64Array(cols.length);
    for (let i = 0; i < len; i++) {
      for (let j = 0; j < cols.length; j++) row[j] = at(cols[j], i);
      out[i] = safeSum(row);
    }
    return out;
  }
}

function percent(values: ArrayLike<number>, totals: ArrayLike<number>): Float64Array {
  const len = Math.max(values.length, totals.length);
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const q = safeDiv(at(values, i), at(totals, i));
    out[i] = q !== q ? NaN : q * 100.0;
  }
  return out;
}

function nulls(length: number): Float64Array {
  return new Float64Array(length).fill(NaN);
}

export function asPercentOf(ctx: RequestContext, seriesList: Series[], total: Series[] | number | null, nodes: NodeOrTag[]): Series[] {
  if (seriesList.length === 0) return [];
  const norm = new Normalizer();
  norm.normalize(seriesList);
  const xFilesFactor = ctx.xFilesFactor;
  const make = (name: string, b: Bounds, values: Float64Array) => new Series(name, b.start, b.end, b.step, values, { xFilesFactor });

  if (nodes.length > 0) {
    const groups = groupByAggKey(seriesList, nodes);
    const keys = [...groups.keys()];
    const sumOf = (list: Series[]): Series => {
      if (list.length === 1) return list[0];
      const b = norm.normalize(list);
      return make(`sumSeries(${formatPathExpressions(list)})`, b, norm.sumRows(list));
    };
    const totals = new Map<string, Series>();
    if (total === null) {
      for (const key of keys) totals.set(key, sumOf(groups.get(key)!));
    } else if (Array.isArray(total)) {
      const totalGroups = groupByAggKey(total, nodes);
      for (const key of totalGroups.keys()) if (!keys.includes(key)) keys.push(key);
      for (const [key, list] of totalGroups) totals.set(key, sumOf(list));
    } else {
      throw new InputError('total must be None or a seriesList');
    }

    const result: Series[] = [];
    for (const key of keys) {
      const group = groups.get(key);
      if (!group) {
        const t = totals.get(key)!;
        result.push(make(`asPercent(MISSING,${t.name})`, norm.last ?? t, nulls(norm.values(t).length)));
        continue;
      }
      for (const s of group) {
        const t = totals.get(key);
        if (!t) {
          result.push(make(`asPercent(${s.name},MISSING)`, norm.last ?? s, nulls(norm.values(s).length)));
        } else {
          const b = norm.normalize([s, t]);
          result.push(make(`asPercent(${s.name},${t.name})`, b, percent(norm.values(s), norm.values(t))));
        }
      }
    }
    return result;
  }

  let totalValues: ArrayLike<number>;
  let totalText: string;
  if (total === null) {
    totalValues = norm.sumRows(seriesList);
    totalText = `sumSeries(${formatPathExpressions(seriesList)})`;
  } else if (Array.isArray(total)) {
    if (total.length !== 1 && total.length !== seriesList.length) {
      throw new InputError(
        'asPercent second argument must be missing, a single digit, reference exactly 1 series or reference the same number of series as the first argument',
      );
    }
    if (total.length === seriesList.length) {
      // pairs matched by name, each pair normalized on its own
      const byName = (a: Series, b: Series) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      const left = [...seriesList].sort(byName);
      const right = [...total].sort(byName);
      return left.map((s, i) => {
        const t = right[i];
        const b = norm.normalize([s, t]);
        return make(`asPercent(${s.name},${t.name})`, b, percent(norm.values(s), norm.values(t)));
      });
    }
    norm.normalize([...seriesList, ...total]);
    totalValues = norm.values(total[0]);
    totalText = total[0].name;
  } else {
    totalValues = new Float64Array(seriesList[0].values.length).fill(total);
    totalText = pyNumberStr(total, true);
  }
  return seriesList.map((s) => make(`asPercent(${s.name},${totalText || s.pathExpression})`, s, percent(norm.values(s), totalValues)));
}

function makeAsPercent(name: string): RenderFunction {
  return defineFunction({
    name,
    group: 'Combine',
    aggregator: true,
    description: `Each series as a percentage of a total. Without \`total\`, the total is the sum of
all the series; \`total\` may be a number, one series, or as many series as the first list
(paired by sorted name). With \`nodes\`, series and totals are matched by those nodes or tags,
as groupByNodes groups them; unmatched ones come out all null, named with \`MISSING\`.

.. code-block:: none

  &target=asPercent(hosts.*.cpu.busy,hosts.*.cpu.total,1)`,
    params: [SERIES_LIST, param.any('total'), param.nodeOrTag('nodes', { multiple: true })],
    run(ctx, { seriesList, total: t, nodes }) {
      let total: Series[] | number | null;
      if (t === undefined || t === null) total = null;
      else if (typeof t === 'number') total = t;
      else if (Array.isArray(t) && t.every((s) => s instanceof Series)) total = t as Series[];
      else throw new InputError('asPercent total must be a number, a series list or None');
      return asPercentOf(ctx, seriesList, total, nodes);
    },
  });
}

export const asPercent = makeAsPercent('asPercent');
export const pct = makeAsPercent('pct');
