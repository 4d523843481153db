/**
 * The tagged series of the tag benchmark: `metric<m>.value` (50 names) on hosts of 50 series
 * each, every host in one of 10 dcs, 3 envs and 200 racks. 1 M series are 20 000 hosts.
 */
export const TAG_DATA_VERSION = 1;

const ENVS = ['prod', 'staging', 'dev'];

export function taggedSeries(count: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const host = Math.floor(i / 50);
    names.push(`metric${i % 50}.value;dc=dc${host % 10};env=${ENVS[host % 3]};host=host${String(host).padStart(5, '0')};rack=rack${host % 200}`);
  }
  return names;
}
