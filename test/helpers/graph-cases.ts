import { readFileSync } from 'node:fs';
import { Series, type GraphOptions } from '../../src/render/series.js';

/** The graph cases of test/fixtures/graphs (cases.json) and what graphite-web drew for them (capture.sh). */
export interface GraphCase {
  readonly name: string;
  readonly what: string;
  readonly query: string;
  /** its targets use graphite-web's Graph functions: the capture also records the series graphite-web's graph was given */
  readonly drawn?: boolean;
}

export interface CapturedText {
  text: string;
  x: number;
  y: number;
  align: 'left' | 'center' | 'right';
  rotate: number;
}

interface GivenSeries {
  name: string;
  start: number;
  end: number;
  step: number;
  values: (number | null)[];
  options: GraphOptions;
  color: string | null;
}

export interface Capture {
  status: number;
  texts: CapturedText[];
  area?: Record<'xmin' | 'xmax' | 'ymin' | 'ymax', number>;
  yLabels?: string[];
  given?: GivenSeries[];
}

const DIR = 'test/fixtures/graphs';
export const graphCases = JSON.parse(readFileSync(`${DIR}/cases.json`, 'utf8')) as { now: number; cases: GraphCase[] };
export const graphCaptures = JSON.parse(readFileSync(`${DIR}/graphite-web.json`, 'utf8')) as Record<string, Record<'svg' | 'png', Capture>>;

/** The series graphite-web's graph was given for a `drawn` case, with the colours and options its functions gave them. */
export function givenSeries(c: GraphCase): Series[] {
  const given = graphCaptures[c.name].svg.given;
  if (!given) throw new Error(`${c.name}: no series recorded`);
  return given.map((g) => {
    const graph: GraphOptions = { ...g.options };
    if (g.color !== null) graph.color = g.color;
    return new Series(g.name, g.start, g.end, g.step, Float64Array.from(g.values, (v) => (v === null ? NaN : v)), { graph });
  });
}
