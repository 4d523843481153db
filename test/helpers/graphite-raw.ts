import { Series } from '../../src/render/series.js';

/**
 * Series from graphite-web's `format=raw` answer (`name,start,end,step|v1,v2,...` per line),
 * as its fetch builds them: pathExpression is the path requested, xFilesFactor the request's.
 */
export function parseRaw(text: string, pathExpression: string, xFilesFactor = 0): Series[] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const bar = line.lastIndexOf('|');
      const header = line.slice(0, bar).split(',');
      const step = Number(header.pop());
      const end = Number(header.pop());
      const start = Number(header.pop());
      const name = header.join(',');
      const body = line.slice(bar + 1);
      const values = Float64Array.from(body === '' ? [] : body.split(','), (v) => (v === 'None' ? NaN : Number(v)));
      return new Series(name, start, end, step, values, { pathExpression, xFilesFactor });
    });
}
