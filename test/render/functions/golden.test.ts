/**
 * Every captured case of test/fixtures/functions/golden (graphite-web 1.1.8's answers),
 * recomputed by carbyne's evaluator and functions fed graphite-web's own raw inputs: same
 * inputs, so the output must match exactly (numbers within 1e-9 relative; names, tags, nulls,
 * timestamps exactly).
 */
import { test } from 'node:test';
import { evaluateTarget, seriesToJson } from '../../helpers/function-eval.js';
import { parseRaw } from '../../helpers/graphite-raw.js';
import { assertJsonClose } from '../../helpers/compare.js';
import { allCapturedCases, TAGGED } from '../../fixtures/functions/cases.js';

for (const { name, golden, c } of allCapturedCases()) {
  test(`${name}: ${c.id}: ${c.target}`, async () => {
    const startTime = golden.now - c.from;
    const endTime = golden.now - (c.until ?? 0);
    const xFilesFactor = c.xFilesFactor ?? 0;
    const result = await evaluateTarget(
      c.target,
      { startTime, endTime, now: golden.now, tz: 'UTC', xFilesFactor, templates: {}, localOnly: false },
      {
        fetch: (path, s, e) => {
          const text = golden.raw[`${path}|${s}|${e}`];
          if (text === undefined) throw new Error(`no captured input for ${path} over [${s}, ${e}]: capture ${name} again`);
          return parseRaw(text, path, xFilesFactor);
        },
        tagged: TAGGED,
      },
    );
    // graphite-web's json answer is [] unless some series holds a point (its `if any(data)`)
    const shown = result.some((s) => s.values.length > 0) ? result : [];
    assertJsonClose(shown.map(seriesToJson), c.expected);
  });
}
