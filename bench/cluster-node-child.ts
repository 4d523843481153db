// Run by cluster.bench.ts: one carbyne node (alone, or one of a cluster), clock at RENDER_NOW,
// holding the render benchmark's series it owns (all of them when alone), written through its
// own engine from the same deterministic generator on every node.
// argv: JSON { config, series, hours }. Prints "ready" once its index finds what it holds.
import { CarbyneApp } from '../src/app.js';
import { validateConfig } from '../src/config/load.js';
import { WriteStatus, type PointWriter } from '../src/engine/point-writer.js';
import { ManualClock } from '../src/lib/clock.js';
import { RENDER_NOW, renderSeriesName, writeRenderSeries } from './render-data.js';

const { config: raw, series, hours } = JSON.parse(process.argv[2]) as { config: unknown; series: number; hours: number };
const config = validateConfig(raw);
const app = await CarbyneApp.create({ config, clock: new ManualClock(RENDER_NOW * 1000), logger: false });
await app.listen();
const cluster = app.cluster;
const owns = (name: string) => cluster === undefined || cluster.map.ownsLocally(name);
const engine = app.storage.engine;
// the same values on every node: the generator runs whole, each node keeps what it owns
const writer: PointWriter = {
  write: (name, value, timestamp) => (owns(name) ? engine.write(name, value, timestamp) : WriteStatus.Accepted),
  commit: () => engine.commit(),
};
writeRenderSeries(writer, series, RENDER_NOW - hours * 3600, RENDER_NOW);
let held = 0;
for (let i = 0; i < series; i++) if (owns(renderSeriesName(i))) held++;
for (;;) {
  let found = 0;
  for await (const node of app.index.find('bench.*.cpu.user')) if (node.isLeaf) found++;
  if (found >= held) break;
  await new Promise((r) => setTimeout(r, 50));
}
process.stdout.write(`ready ${held}\n`);
process.on('SIGTERM', () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
