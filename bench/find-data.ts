/**
 * A realistic metric tree for the find benchmark: dc.rack.host.subsystem.metric, 100 metrics
 * per host (10 subsystems x 10 metrics), 4 data centres, 40 hosts per rack.
 */
const SUBSYSTEMS: Record<string, string[]> = {
  cpu: ['user', 'system', 'idle', 'iowait', 'steal', 'nice', 'irq', 'softirq', 'guest', 'guest_nice'],
  mem: ['used', 'free', 'cached', 'buffers', 'shared', 'available', 'swap_used', 'swap_free', 'dirty', 'slab'],
  disk: ['read_bytes', 'write_bytes', 'read_ops', 'write_ops', 'util', 'await', 'queue', 'used', 'free', 'inodes'],
  net: ['rx_bytes', 'tx_bytes', 'rx_packets', 'tx_packets', 'rx_errors', 'tx_errors', 'rx_drop', 'tx_drop', 'collisions', 'speed'],
  load: ['1m', '5m', '15m', 'procs', 'threads', 'running', 'blocked', 'forks', 'ctxt', 'intr'],
  tcp: ['established', 'syn_sent', 'syn_recv', 'fin_wait1', 'fin_wait2', 'time_wait', 'close', 'close_wait', 'last_ack', 'listen'],
  udp: ['in_datagrams', 'out_datagrams', 'in_errors', 'no_ports', 'rcvbuf_errors', 'sndbuf_errors', 'in_csum', 'ignored', 'mem', 'sockets'],
  vm: ['pgfault', 'pgmajfault', 'pgin', 'pgout', 'swpin', 'swpout', 'oom_kill', 'compact', 'thp', 'numa'],
  fs: ['files', 'open', 'max', 'dentry', 'inode', 'locks', 'aio', 'pipes', 'epoll', 'inotify'],
  proc: ['total', 'zombie', 'sleeping', 'stopped', 'paging', 'idle', 'dead', 'wakekill', 'waking', 'parked'],
};
export const METRICS_PER_HOST = 100;
export const HOSTS_PER_RACK = 40;
export const DATA_CENTRES = 4;

export function hostName(h: number): string {
  return `host${String(h).padStart(6, '0')}`;
}

export function rackName(r: number): string {
  return `rack${String(r).padStart(4, '0')}`;
}

/** The path of host h's metric m (0 <= m < 100). */
export function seriesPath(h: number, m: number): string {
  const rack = Math.floor(h / HOSTS_PER_RACK);
  const dc = rack % DATA_CENTRES;
  const subsystems = Object.keys(SUBSYSTEMS);
  const s = subsystems[Math.floor(m / 10)];
  return `dc${dc}.${rackName(rack)}.${hostName(h)}.${s}.${SUBSYSTEMS[s][m % 10]}`;
}

/** Every path of a tree of `series` series, in batches (hosts in order, as ingest meets them). */
export function* seriesPaths(series: number, batch = 10_000): Generator<string[]> {
  let out: string[] = [];
  const hosts = Math.ceil(series / METRICS_PER_HOST);
  for (let h = 0; h < hosts; h++) {
    for (let m = 0; m < METRICS_PER_HOST; m++) {
      out.push(seriesPath(h, m));
      if (out.length === batch) {
        yield out;
        out = [];
      }
    }
  }
  if (out.length > 0) yield out;
}

/** Queries Grafana sends, for a tree of `series` series (every one matches something). */
export function grafanaQueries(series: number): Array<{ name: string; query: string }> {
  const hosts = Math.ceil(series / METRICS_PER_HOST);
  const h = Math.floor(hosts / 2) + 1;
  const rack = Math.floor(h / HOSTS_PER_RACK);
  const dc = rack % DATA_CENTRES;
  const r = rackName(rack);
  return [
    { name: 'root *', query: '*' },
    { name: 'a.*', query: `dc${dc}.*` },
    { name: 'a.b.*', query: `dc${dc}.${r}.*` },
    { name: 'a.*.c.*', query: `dc${dc}.*.${hostName(h)}.*` },
    { name: 'a.b.*xyz* (typed substring)', query: `dc${dc}.${r}.*${String(h).slice(-2)}*` },
    { name: 'brace list', query: `dc${dc}.${r}.{${hostName(h)},${hostName(h + 1)},${hostName(h + 2)}}.cpu.*` },
    { name: 'a.b.*.c.{d,e}', query: `dc${dc}.${r}.*.cpu.{user,system}` },
    { name: '*.*.*.c.d (every host)', query: '*.*.*.cpu.user' },
  ];
}
