// One carbyne node of a test cluster, in its own process (started by test/helpers/cluster.ts).
// argv: CONFIG_JSON NOW ('system' for the real clock, else unix seconds to pin it at).
// Prints "ready {addresses}" once listening, then answers commands read from stdin, one per
// line: "ID flush" (closed windows), "ID persist" (every hot chunk), "ID clock SECONDS",
// "ID drain" (forwarded points acknowledged), "ID counter NAME" (a self-metric counter's value),
// "ID stop" (close, then exit 0). Answers
// "ID ok [json]" or "ID error MESSAGE".
import { createInterface } from 'node:readline';
import { CarbyneApp } from '../../src/app.js';
import { validateConfig } from '../../src/config/load.js';
import { ManualClock, systemClock } from '../../src/lib/clock.js';

const [configJson, nowArg] = process.argv.slice(2);
const config = validateConfig(JSON.parse(configJson));
const manual = nowArg === 'system' ? null : new ManualClock(Number(nowArg) * 1000);
const app = await CarbyneApp.create({ config, clock: manual ?? systemClock, logger: { level: config.logLevel } });
const addresses = await app.listen();
process.stdout.write(`ready ${JSON.stringify(addresses)}\n`);

const commands: Record<string, (arg: string) => Promise<unknown>> = {
  flush: async () => app.storage.engine.flush(),
  persist: async () => app.storage.engine.flush({ all: true }),
  clock: async (arg) => {
    if (manual === null) throw new Error('the clock is the system clock');
    manual.set(Number(arg));
  },
  drain: async () => {
    if (!app.cluster) throw new Error('not a cluster node');
    if (!(await app.cluster.writer.drain(60_000))) throw new Error(`points still queued: ${JSON.stringify(app.cluster.writer.queued())}`);
  },
  counter: async (arg) => app.stats.counter(arg).value,
  stop: async () => {
    await app.close();
    setImmediate(() => process.exit(0));
  },
};

createInterface({ input: process.stdin }).on('line', (line) => {
  const [id, name, ...rest] = line.split(' ');
  const run = commands[name];
  if (run === undefined) {
    process.stdout.write(`${id} error unknown command ${name}\n`);
    return;
  }
  run(rest.join(' ')).then(
    (result) => process.stdout.write(`${id} ok ${JSON.stringify(result ?? null)}\n`),
    (err: Error) => process.stdout.write(`${id} error ${err.message.replace(/\n/g, ' ')}\n`),
  );
});
process.on('SIGTERM', () => {
  app.close().then(() => process.exit(0), () => process.exit(1));
});
