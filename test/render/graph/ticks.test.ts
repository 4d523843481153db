import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { makeAxis } from '../../../src/render/graph/ticks.js';
import { AxisClock, chooseXAxisConfig } from '../../../src/render/graph/x-axis.js';
import type { UnitSystem } from '../../../src/render/graph/units.js';

// graphite-web's own axis code over these inputs: test/fixtures/graphs/capture_ticks.py
const captured = JSON.parse(readFileSync('test/fixtures/graphs/ticks.json', 'utf8')) as {
  y: {
    min: number;
    max: number;
    unitSystem: UnitSystem;
    logBase?: number;
    settings: { yMin?: number; yMax?: number; yLimit?: number; yStep?: number; divisors?: number[] };
    axis: { error?: string; bottom: number; top: number; step: number | null; labelValues: number[]; labels: string[] };
  }[];
  x: { start: number; end: number; width: number; tz: string; format: string; labels: { offset: number; text: string }[]; minorGrid: number[]; majorGrid: number[] }[];
};

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

test('y axes: limits, step, label values and label texts as graphite-web chooses them, for every range, setting, unit system and log base', () => {
  assert.ok(captured.y.length > 700);
  const problems: string[] = [];
  for (const c of captured.y) {
    const what = `${c.min}..${c.max} ${c.unitSystem} ${JSON.stringify(c.settings)}${c.logBase ? ` log ${c.logBase}` : ''}`;
    let axis;
    try {
      const s = c.settings;
      axis = makeAxis(c.min, c.max, { min: s.yMin, max: s.yMax, limit: s.yLimit, step: s.yStep, divisors: c.settings.divisors ?? [4, 5, 6], unitSystem: c.unitSystem, logBase: c.logBase });
    } catch (err) {
      if (c.axis.error !== (err as Error).message) problems.push(`${what}: ${(err as Error).message}, graphite-web: ${c.axis.error ?? JSON.stringify(c.axis)}`);
      continue;
    }
    if (c.axis.error) {
      problems.push(`${what}: drew an axis where graphite-web failed with ${c.axis.error}`);
      continue;
    }
    const ok =
      close(axis.bottom, c.axis.bottom) &&
      close(axis.top, c.axis.top) &&
      (c.axis.step === null ? axis.step === null : close(axis.step!, c.axis.step)) &&
      axis.labelValues.length === c.axis.labelValues.length &&
      axis.labelValues.every((v, i) => close(v, c.axis.labelValues[i])) &&
      JSON.stringify(axis.labels) === JSON.stringify(c.axis.labels);
    if (!ok) problems.push(`${what}: ${JSON.stringify({ ...axis, labelValues: axis.labelValues })} vs ${JSON.stringify(c.axis)}`);
  }
  assert.deepEqual(problems, []);
});

test('x axes: the configuration, label times and texts, and grid lines graphite-web draws for every range, width and zone', () => {
  assert.ok(captured.x.length > 150);
  const problems: string[] = [];
  for (const c of captured.x) {
    const range = c.end - c.start;
    const conf = chooseXAxisConfig(range, c.width);
    const clock = new AxisClock(c.tz, c.start);
    const labels = clock.ticks(conf.labelUnit, conf.labelStep, c.end).map((t) => ({ offset: t - c.start, text: clock.format(t, conf.format) }));
    const minor = clock.ticks(conf.minorGridUnit, conf.minorGridStep, c.end).map((t) => t - c.start);
    const major = clock.ticks(conf.majorGridUnit, conf.majorGridStep, c.end).map((t) => t - c.start);
    const what = `${range}s over ${c.width}px in ${c.tz}`;
    if (conf.format !== c.format) problems.push(`${what}: format ${conf.format}, graphite-web's ${c.format}`);
    else if (JSON.stringify(labels) !== JSON.stringify(c.labels)) problems.push(`${what}: labels ${JSON.stringify(labels)} vs ${JSON.stringify(c.labels)}`);
    else if (JSON.stringify(minor) !== JSON.stringify(c.minorGrid) || JSON.stringify(major) !== JSON.stringify(c.majorGrid)) problems.push(`${what}: grid differs`);
  }
  assert.deepEqual(problems, []);
});
