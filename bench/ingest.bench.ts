import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { type Benchmark, cpuSeconds, figure, figureBesideQuoted, type Figure } from './harness.js';
import { BENCH_NOW, benchStorage, metricNames } from './engine-fixture.js';
import { tcpIngest } from './ingest-tcp.js';

/** Points a carbon sender batches per write; the engine commits (one log append) per batch. */
const BATCH = 1000;

/**
 * The storage engine's ingest: engine.write per point and commit per batch of 1000 (one
 * write-ahead log append), in-process, CPU of this process (no client: the points are made
 * beforehand). Then the flush of everything written, and the bytes per point at rest.
 */
async function engineIngest(quick: boolean, log: (m: string) => void): Promise<Figure[]> {
  // enough points per series that the flush figure is per point, not per series
  const seriesCount = quick ? 5_000 : 50_000;
  const rounds = quick ? 60 : 360;
  const names = metricNames(seriesCount);
  // a 2-decimal random walk per series, one point every 10 s
  const values = new Float64Array(seriesCount).map((_, i) => 100 + (i % 37));
  const st = await benchStorage();
  try {
    const t0 = BENCH_NOW - rounds * 10;
    // first sight of every series (parse, id, schema) measured apart from steady ingest
    const first = await cpuSeconds(() => {
      for (let i = 0; i < seriesCount; i++) st.svc.engine.write(names[i], values[i], t0);
      st.svc.engine.commit();
    });
    let n = 0;
    const steady = await cpuSeconds(() => {
      for (let r = 1; r < rounds; r++) {
        for (let i = 0; i < seriesCount; i++) {
          values[i] = Math.round((values[i] + ((i * 7919 + r * 104729) % 200) / 100 - 1) * 100) / 100;
          st.svc.engine.write(names[i], values[i], t0 + r * 10);
          if (++n % BATCH === 0) st.svc.engine.commit();
        }
      }
      st.svc.engine.commit();
    });
    const total = seriesCount * rounds;
    log(`${seriesCount} series x ${rounds} points: first points ${(seriesCount / first.cpu).toFixed(0)}/CPU-s, steady ${(n / steady.cpu).toFixed(0)}/CPU-s`);
    const flush = await cpuSeconds(() => st.svc.engine.flush({ all: true }));
    log(`flush: ${flush.result.chunks} chunks, ${flush.result.bytes} bytes in ${flush.cpu.toFixed(2)} CPU-s`);
    return [
      figure('engine.write, steady (points/CPU-s, in-process, commit per 1000)', n / steady.cpu, 'points/s'),
      figure('engine.write, first point of a series', seriesCount / first.cpu, 'points/s'),
      figure('flush incl. rollups (points/CPU-s)', total / flush.cpu, 'points/s'),
    ];
  } finally {
    await st.destroy();
  }
}

/** The oracle's golden data ingested with its storage rules, flushed: bytes per point at rest. */
async function bytesAtRest(log: (m: string) => void): Promise<Figure[]> {
  const oracle = 'test/fixtures/oracle';
  const st = await benchStorage({ retentions: [], storageSchemas: `${oracle}/storage-schemas.conf`, storageAggregation: `${oracle}/storage-aggregation.conf` });
  try {
    let points = 0;
    for await (const line of createInterface({ input: createReadStream(`${oracle}/sample-points.txt.gz`).pipe(createGunzip()) })) {
      const [name, value, ts] = line.split(' ');
      st.svc.engine.write(name, Number(value), Number(ts));
      if (++points % BATCH === 0) st.svc.engine.commit();
    }
    st.svc.engine.commit();
    const out = await st.svc.engine.flush({ all: true });
    log(`${points} points -> ${out.chunks} chunks, ${out.bytes} bytes (rollup chunks included)`);
    return [figure('bytes per point at rest, oracle sample data (rollups included)', out.bytes / points, 'bytes')];
  } finally {
    await st.destroy();
  }
}

export const benchmark: Benchmark = {
  name: 'ingest',
  async run({ quick, log }) {
    const tcp = await tcpIngest(quick ? 10_000 : 100_000, quick ? 15 : 30, log);
    return [
      // the peers' figures are the ones issue 2 quotes for this machine class, not measured in this run
      figureBesideQuoted('carbon plaintext over TCP into carbyne serve (child process), points per server CPU-s', tcp.pointsPerCpuSecond, 'points/s', { name: 'go-carbon', value: 500_000 }),
      figureBesideQuoted('the same, beside metrictank', tcp.pointsPerCpuSecond, 'points/s', { name: 'metrictank', value: 230_000 }),
      ...(await engineIngest(quick, log)),
      ...(await bytesAtRest(log)),
    ];
  },
};
