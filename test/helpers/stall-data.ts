import type { CarbyneApp } from '../../src/app.js';
import { WriteStatus } from '../../src/engine/point-writer.js';

export const STALL_STEP = 10;

/** `stall.h001.cpu.user` ...: 18 characters, 16 of them word characters. */
export function stallName(i: number): string {
  return `stall.h${String(i).padStart(3, '0')}.cpu.user`;
}

/**
 * Writes `count` series with a point every 10 s over the day before `now` through the app's
 * PointWriter (as a carbon listener does), then waits until the index finds them all.
 */
export async function writeStallSeries(app: CarbyneApp, count: number, now: number): Promise<void> {
  const writer = app.pointWriter;
  let n = 0;
  for (let t = now - 86400 + STALL_STEP; t <= now; t += STALL_STEP) {
    for (let i = 0; i < count; i++) {
      if (writer.write(stallName(i), (i * 7 + t / STALL_STEP) % 100, t) !== WriteStatus.Accepted) throw new Error(`point ${i} ${t} not accepted`);
      if (++n % 5000 === 0) {
        writer.commit();
        // let the engine's registration and the log run, as between socket reads
        await new Promise((r) => setImmediate(r));
      }
    }
  }
  writer.commit();
  for (let tries = 0; ; tries++) {
    let found = 0;
    for await (const node of app.index.find('stall.*.cpu.user', { leavesOnly: true })) if (node.isLeaf) found++;
    if (found === count) return;
    if (tries === 500) throw new Error(`the index holds ${found} of ${count} series`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Registers `count` names `big.hN.sM.cpu` (1000 per host) in the app's index, as new series are. */
export async function registerBigIndex(app: CarbyneApp, count: number): Promise<void> {
  for (let i = 0; i < count; i += 10_000) {
    const names = [];
    for (let k = i; k < Math.min(count, i + 10_000); k++) names.push({ name: `big.h${Math.floor(k / 1000)}.s${k % 1000}.cpu`, tags: {} });
    await app.index.register(names);
  }
}
