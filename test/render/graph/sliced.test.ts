import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Series } from '../../../src/render/series.js';
import { GraphParams } from '../../../src/render/graph/params.js';
import { renderLineGraph, renderLineGraphSliced, renderPieGraph, renderPieGraphSliced } from '../../../src/render/graph/index.js';
import { WorkSlicer } from '../../../src/lib/work-slicer.js';

/**
 * Issue 14: /render draws a graph in slices of the event loop. A slicer that pauses at every
 * unit of the drawing: the picture must be the one drawn at once, the drawing
 * must really pause (more than once per series), and a signal called off stops it.
 */
const START = 1795312800;

/**
 * A slicer whose slice is always spent, so that run() pauses after every unit of the drawing;
 * each pause lets the event loop turn once (a real slicer's pause waits until a shared slice
 * is free, which a slice of 0 ms never is) and checks the signal as WorkSlicer.pause does.
 */
class CountingSlicer extends WorkSlicer {
  pauses = 0;
  override due(): boolean {
    return true;
  }
  override async pause(): Promise<void> {
    this.pauses++;
    this.signal?.throwIfAborted();
    await new Promise((resolve) => setImmediate(resolve));
    this.signal?.throwIfAborted();
  }
}

function manySeries(count: number, points: number): Series[] {
  return Array.from({ length: count }, (_, k) => {
    const values = Float64Array.from({ length: points }, (_, i) => (i % 17 === 5 ? NaN : Math.sin(i / 10 + k) * (k + 1)));
    const graph = k % 3 === 1 ? { secondYAxis: true } : k % 4 === 2 ? { stacked: true } : {};
    return new Series(`host${k}.cpu`, START, START + points * 60, 60, values, { graph });
  });
}

test('a line graph drawn in slices is the graph drawn at once, in svg and png', async () => {
  const list = manySeries(12, 500);
  for (const format of ['svg', 'png'] as const) {
    const query = new URLSearchParams('title=sliced&vtitle=load&hideLegend=false&width=900&height=500');
    const whole = renderLineGraph(list, GraphParams.read('line', query), format, 'UTC');
    const slicer = new CountingSlicer();
    const sliced = await renderLineGraphSliced(list, GraphParams.read('line', query), format, 'UTC', slicer);
    assert.equal(sliced.contentType, whole.contentType);
    assert.ok(Buffer.from(sliced.body).equals(Buffer.from(whole.body)), `${format}: the sliced drawing differs`);
    assert.ok(slicer.pauses > 2 * list.length, `${format}: it paused ${slicer.pauses} times for ${list.length} series`);
  }
});

test('a pie drawn in slices is the pie drawn at once', async () => {
  const slices = Array.from({ length: 9 }, (_, i) => ({ name: `slice${i}`, value: i + 1 }));
  const params = () => GraphParams.read('pie', new URLSearchParams('width=400&height=400&valueLabels=percent'));
  const whole = renderPieGraph(slices, params(), 'svg');
  const slicer = new CountingSlicer();
  const sliced = await renderPieGraphSliced(slices, params(), 'svg', slicer);
  assert.equal(sliced.body, whole.body);
  assert.ok(slicer.pauses > slices.length, `it paused ${slicer.pauses} times for ${slices.length} slices`);
});

test('a graph whose signal is called off stops drawing at its next pause, with the reason', async () => {
  const controller = new AbortController();
  const slicer = new CountingSlicer(controller.signal);
  const reason = new Error('past the time limit');
  const pause = slicer.pause.bind(slicer);
  // called off while the drawing waits at its fourth pause
  slicer.pause = async () => {
    if (slicer.pauses === 3) setImmediate(() => controller.abort(reason));
    await pause();
  };
  const list = manySeries(30, 2000);
  await assert.rejects(renderLineGraphSliced(list, GraphParams.read('line', new URLSearchParams('width=800')), 'svg', 'UTC', slicer), (err) => err === reason);
  assert.equal(slicer.pauses, 4, 'no pause after the one that saw the signal');
});
