import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Series } from '../../../src/render/series.js';
import { renderOutput, type OutputFormat } from '../../../src/render/formats/index.js';
import { renderJson } from '../../../src/render/formats/json.js';
import { toPlain, unpickle } from '../../../src/ingest/pickle/index.js';

// graphite-web's answers, captured by test/fixtures/render/golden/capture.mjs
const DIR = 'test/fixtures/render/golden';
const read = (name: string) => readFileSync(`${DIR}/${name}`);

/** Series from graphite-web's raw answer, one per line. */
function fromRaw(text: string, pathExpression?: string): Series[] {
  return text.trim().split('\n').map((line) => {
    const [head, body] = line.split('|');
    const parts = head.split(',');
    const [start, end, step] = parts.slice(-3).map(Number);
    const values = Float64Array.from(body.split(','), (v) => (v === 'None' ? NaN : Number(v)));
    return new Series(parts.slice(0, -3).join(','), start, end, step, values, { pathExpression });
  });
}

const render = (series: Series[], format: OutputFormat, extra: Partial<Parameters<typeof renderOutput>[1]> = {}) =>
  renderOutput(series, { format, pretty: false, noNullPoints: false, tz: 'UTC', ...extra });

test("every format writes graphite-web's text, byte for byte, from the same series", () => {
  const expressions: Record<string, string> = { plain: 'servers.web01.cpu.user', nulls: 'apps.api.requests.errors', glob: 'servers.*.cpu.user' };
  for (const prefix of ['plain', 'nulls', 'glob']) {
    const series = fromRaw(read(`${prefix}_raw.txt`).toString(), expressions[prefix]);
    const ext: Record<string, string> = { json: 'json', csv: 'csv', raw: 'txt', dygraph: 'json', msgpack: 'msgpack' };
    for (const format of ['json', 'csv', 'raw', 'dygraph', 'msgpack'] as const) {
      const out = render(series, format);
      assert.equal(Buffer.from(out.body).toString('latin1'), read(`${prefix}_${format}.${ext[format]}`).toString('latin1'), `${prefix} ${format}`);
    }
    assert.deepEqual(toPlain(unpickle(Buffer.from(render(series, 'pickle').body as Buffer))), toPlain(unpickle(read(`${prefix}_pickle.pickle`))), `${prefix} pickle`);
  }
  const nulls = fromRaw(read('nulls_raw.txt').toString());
  assert.equal(Buffer.from(render(nulls, 'rickshaw').body).toString(), read('nulls_rickshaw.json').toString());
  assert.equal(Buffer.from(render(nulls, 'json', { noNullPoints: true }).body).toString(), read('noNullPoints.json').toString());
});

test("pretty, jsonp and tz'd csv write graphite-web's text", () => {
  const pretty = fromRaw(renderRawOf('pretty_json.json'));
  assert.equal(Buffer.from(render(pretty, 'json', { pretty: true }).body).toString(), read('pretty_json.json').toString());
  assert.equal(Buffer.from(render(pretty, 'rickshaw', { pretty: true }).body).toString(), read('pretty_rickshaw.json').toString());
  const five = fromRaw(renderRawOf('jsonp_json.js'));
  for (const f of ['json', 'dygraph', 'rickshaw'] as const) {
    const out = render(five, f, { jsonp: 'cb' });
    assert.equal(out.contentType, 'text/javascript');
    assert.equal(Buffer.from(out.body).toString(), read(`jsonp_${f}.js`).toString(), f);
  }
  const three = fromRaw(renderRawOf('tz_csv_kolkata.csv'));
  assert.equal(Buffer.from(render(three, 'csv', { tz: 'Asia/Kolkata' }).body).toString(), read('tz_csv_kolkata.csv').toString());
  assert.equal(Buffer.from(render(three, 'csv', { tz: 'America/New_York' }).body).toString(), read('tz_csv_new_york.csv').toString());
});

/**
 * The raw text of a captured JSON-ish answer of one series at a 10 s step: rebuilt from its
 * datapoints, so the other formats can be rendered from the same series.
 */
function renderRawOf(file: string): string {
  let text = read(file).toString();
  if (file.endsWith('.js')) text = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
  if (file.endsWith('.csv')) {
    const rows = text.trim().split('\r\n').map((r) => r.split(','));
    // the Kolkata file's times are UTC+05:30
    const start = Date.parse(`${rows[0][1].replace(' ', 'T')}+05:30`) / 1000;
    return `${rows[0][0]},${start},${start + rows.length * 10},10|${rows.map((r) => (r[2] === '' ? 'None' : r[2])).join(',')}`;
  }
  return (JSON.parse(text) as Array<{ target: string; datapoints: Array<[number | null, number]> }>)
    .map((s) => {
      const start = s.datapoints[0][1];
      return `${s.target},${start},${start + s.datapoints.length * 10},10|${s.datapoints.map(([v]) => (v === null ? 'None' : String(v))).join(',')}`;
    })
    .join('\n');
}

test('JSON tags always hold name, even when a function left it out', () => {
  const s = new Series('sumSeries(a.*)', 0, 20, 10, Float64Array.from([1, 2]), { tags: { aggregatedBy: 'sum' } });
  const [out] = JSON.parse(renderJson([s], { pretty: false, noNullPoints: false }).toString());
  assert.deepEqual(out.tags, { name: 'sumSeries(a.*)', aggregatedBy: 'sum' });
  const [pretty] = JSON.parse(renderJson([s], { pretty: true, noNullPoints: false }).toString());
  assert.deepEqual(pretty.tags, out.tags);
});

test('json timestamps outside 10 digits (before 2001) take the digit-by-digit path', () => {
  const early = new Series('early', 999999990, 1000000020, 10, Float64Array.of(1, NaN, 3));
  const [s] = JSON.parse(renderJson([early], { pretty: false, noNullPoints: false }).toString());
  assert.deepEqual(s.datapoints, [[1, 999999990], [null, 1000000000], [3, 1000000010]]);
});

test('raw writes Python reprs, None and inf, and names as UTF-8', () => {
  const s = new Series('héllo.wörld', 100, 140, 10, Float64Array.of(1, NaN, Infinity, -0.5));
  const out = renderOutput([s], { format: 'raw', pretty: false, noNullPoints: false, tz: 'UTC' });
  assert.equal(out.body.toString(), 'héllo.wörld,100,140,10|1.0,None,inf,-0.5\n');
});

test('a series of step 0 has no timestamps in dygraph, as in json, instead of failing', () => {
  // what holtWintersConfidenceBands over constantLine with a negative bootstrap leaves: a range of 0 s, step 0
  const s = new Series('zero', 1799913600, 1800000000, 0, Float64Array.of(0, 0, 0));
  assert.equal(render([s], 'dygraph').body, '{"labels" : ["Time", "zero"], "data" : []}');
  assert.equal(String(render([s], 'json').body), '[{"target": "zero", "tags": {"name": "zero"}, "datapoints": []}]');
});
