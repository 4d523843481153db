import { WriteStatus, type PointWriter } from '../src/engine/point-writer.js';
import { prng } from './prng.js';

/**
 * The render benchmark's series: `bench.host0000.cpu.user` ... at a 10 s step, values shaped as
 * gauges usually are (a sine of period 1 h, uniform noise, 3 decimals), deterministic, written
 * through the storage engine's PointWriter as carbon would deliver them (time-major: every
 * series' point at t, then at t + 10; a commit per 1000 points, as a listener commits a batch).
 */
export const RENDER_STEP = 10;
/**
 * The benchmark's "now": 30 min into a chunk window (windows span 2 h at 10 s), so that in the
 * mixed state a 1 h read is half persisted, half hot.
 */
export const RENDER_NOW = 1795314600;

export function renderSeriesName(i: number): string {
  return `bench.host${String(i).padStart(4, '0')}.cpu.user`;
}

/**
 * A glob matching exactly the first `count` series (1, 100, 200, 400 or 1000 of them), as a
 * Grafana query would name a set of hosts.
 */
export function renderTarget(count: number): string {
  const globs: Record<number, string> = {
    1: renderSeriesName(0),
    100: 'bench.host00*.cpu.user',
    200: 'bench.host0[01]*.cpu.user',
    400: 'bench.host0[0-3]*.cpu.user',
    1000: 'bench.host0*.cpu.user',
  };
  const glob = globs[count];
  if (glob === undefined) throw new Error(`no target for ${count} series`);
  return glob;
}

/** Writes `count` series with a point every RENDER_STEP seconds in (from, until]; returns how many points. */
export function writeRenderSeries(writer: PointWriter, count: number, from: number, until: number): number {
  const names = Array.from({ length: count }, (_, i) => renderSeriesName(i));
  const noise = prng(7);
  const first = from - (from % RENDER_STEP) + RENDER_STEP;
  let n = 0;
  for (let t = first; t <= until; t += RENDER_STEP) {
    const wave = (2 * Math.PI * t) / 3600;
    for (let i = 0; i < count; i++) {
      const value = Math.round((50 + 40 * Math.sin(wave + i) + 5 * noise()) * 1000) / 1000;
      if (writer.write(names[i], value, t) !== WriteStatus.Accepted) throw new Error(`${names[i]} ${value} ${t} was not accepted`);
      if (++n % 1000 === 0) writer.commit();
    }
  }
  writer.commit();
  return n;
}
