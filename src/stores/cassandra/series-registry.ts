import { fnv1a64Halves } from '../../series/id.js';
import type { SeriesId, StorageSchema } from '../../series/types.js';
import { boundedParallel } from '../../lib/parallel.js';
import type { SeriesActivity, SeriesRecord, SeriesRegistry } from '../chunk-store.js';
import type { CassandraSession, Row } from './session.js';

const DAY = 86400;
/**
 * Partitions of one day of series_activity: a day's touches spread over this many partitions
 * so none grows past a few hundred thousand rows at 10 M series. Part of the data layout.
 */
export const ACTIVITY_SHARDS = 16;

/**
 * SeriesRegistry on Cassandra: one row per series (name, tags, schema as JSON, last write) in
 * `series`, and the series by last write in `series_activity` (a partition per day and shard),
 * so idle() reads the oldest series first without a scan of every record. A touch moves a
 * series' activity row (a delete and an insert): the engine touches a series at most hourly.
 */
export class CassandraSeriesRegistry implements SeriesRegistry {
  private closed = false;
  private readonly q: ReturnType<typeof statements>;

  constructor(private readonly session: CassandraSession) {
    this.q = statements(session.keyspace);
  }

  async get(id: SeriesId): Promise<SeriesRecord | undefined> {
    return (await this.getMany([id]))[0];
  }

  async getMany(ids: readonly SeriesId[]): Promise<Array<SeriesRecord | undefined>> {
    this.checkOpen();
    const unique = [...new Set(ids)];
    const rows = await boundedParallel(unique, async (id) => (await this.session.read(this.q.get, [id])).first() ?? undefined);
    const byId = new Map(unique.map((id, k) => [id, rows[k]]));
    return ids.map((id) => {
      const row = byId.get(id);
      return row ? recordOf(row) : undefined;
    });
  }

  async put(records: readonly SeriesRecord[]): Promise<void> {
    this.checkOpen();
    if (records.length === 0) return;
    for (const r of records) if (typeof r.id !== 'string' || r.id.length === 0) throw new Error('series record without an id');
    // last write wins among records of one id in one call, as one transaction would leave it
    const latest = new Map<SeriesId, SeriesRecord>();
    for (const r of records) latest.set(r.id, r);
    const withActivity = [...latest.values()].filter((r) => r.lastWrite !== undefined);
    const old = await this.lastWrites(withActivity.map((r) => r.id));
    await this.addDays(withActivity.map((r) => r.lastWrite!));
    await boundedParallel([...latest.values()], async (r) => {
      const tags = Object.keys(r.metric.tags).length > 0 ? { ...r.metric.tags } : null;
      await this.session.write(this.q.put, [r.id, r.metric.name, tags, JSON.stringify(r.schema), r.lastWrite === undefined ? undefined : BigInt(r.lastWrite)]);
      if (r.lastWrite !== undefined) await this.moveActivity(r.id, old.get(r.id), r.lastWrite);
    });
  }

  async touch(activity: readonly SeriesActivity[]): Promise<void> {
    this.checkOpen();
    if (activity.length === 0) return;
    const latest = new Map<SeriesId, number>();
    for (const a of activity) latest.set(a.id, Math.max(a.lastWrite, latest.get(a.id) ?? -Infinity));
    const rows = await this.getMany([...latest.keys()]);
    const moves: Array<{ id: SeriesId; from: number | undefined; to: number }> = [];
    rows.forEach((rec) => {
      if (rec === undefined) return;
      const to = latest.get(rec.id)!;
      if (rec.lastWrite !== undefined && rec.lastWrite >= to) return;
      moves.push({ id: rec.id, from: rec.lastWrite, to });
    });
    await this.addDays(moves.map((m) => m.to));
    await boundedParallel(moves, async (m) => {
      await this.session.write(this.q.setLastWrite, [BigInt(m.to), m.id]);
      await this.moveActivity(m.id, m.from, m.to);
    });
  }

  async delete(id: SeriesId): Promise<void> {
    this.checkOpen();
    const old = (await this.lastWrites([id])).get(id);
    if (old !== undefined) await this.session.write(this.q.deleteActivity, [dayOf(old), shardOf(id), BigInt(old), id]);
    await this.session.write(this.q.delete, [id]);
  }

  async idle(before: number, limit: number, after?: SeriesActivity): Promise<SeriesRecord[]> {
    this.checkOpen();
    if (limit <= 0) return [];
    const lastDay = dayOf(before - 1);
    const firstDay = after === undefined ? undefined : dayOf(after.lastWrite);
    const days = (await this.session.readAll(this.q.days, [0, firstDay ?? -(2 ** 31), lastDay])).map((row) => row.day as number);
    const out: SeriesRecord[] = [];
    for (const day of days) {
      let cursor = after !== undefined && dayOf(after.lastWrite) === day ? after : undefined;
      for (;;) {
        const wanted = limit - out.length;
        const entries = await this.idleOfDay(day, before, wanted, cursor);
        if (entries.length === 0 && cursor === undefined && (day + 1) * DAY <= before) {
          // every shard of a past day is empty: it leaves the list of days (writes land on today's)
          await this.session.write(this.q.deleteDay, [0, day]);
        }
        // an activity row whose series moved on (a touch elsewhere) or went is skipped, and removed
        const records = await this.getMany(entries.map((e) => e.id));
        const stale: SeriesActivity[] = [];
        entries.forEach((e, k) => {
          const rec = records[k];
          if (rec !== undefined && rec.lastWrite === e.lastWrite) out.push(rec);
          else stale.push(e);
        });
        await boundedParallel(stale, (e) => this.session.write(this.q.deleteActivity, [day, shardOf(e.id), BigInt(e.lastWrite), e.id]));
        if (out.length >= limit) return out;
        if (entries.length < wanted) break;
        cursor = entries[entries.length - 1];
      }
    }
    return out;
  }

  /** Activity rows of one day before `before`, after `after`, oldest first (then by id), at most `limit`. */
  private async idleOfDay(day: number, before: number, limit: number, after?: SeriesActivity): Promise<SeriesActivity[]> {
    const shards = Array.from({ length: ACTIVITY_SHARDS }, (_, s) => s);
    const perShard = await Promise.all(
      shards.map(async (shard) => {
        const rows: Row[] = [];
        if (after !== undefined) {
          // the rest of after's second, then the later ones (no multi-column relations needed)
          rows.push(...(await this.session.readAll(this.q.activitySameSecond, [day, shard, BigInt(after.lastWrite), after.id, limit])));
          rows.push(...(await this.session.readAll(this.q.activityAfter, [day, shard, BigInt(after.lastWrite), BigInt(before), limit])));
        } else rows.push(...(await this.session.readAll(this.q.activityBefore, [day, shard, BigInt(before), limit])));
        return rows.map((row) => ({ id: row.id as string, lastWrite: Number(row.last_write as bigint) }));
      }),
    );
    return perShard
      .flat()
      .filter((e) => e.lastWrite < before)
      .sort((a, b) => a.lastWrite - b.lastWrite || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, limit);
  }

  async *all(): AsyncIterable<SeriesRecord> {
    this.checkOpen();
    let pageState: string | undefined;
    do {
      const page = await this.session.read(this.q.all, [], { pageState });
      for (const row of page.rows) yield recordOf(row);
      pageState = page.pageState ?? undefined;
    } while (pageState);
  }

  /** The session belongs to the backends, which close it after every user. */
  async close(): Promise<void> {
    this.closed = true;
  }

  private async lastWrites(ids: readonly SeriesId[]): Promise<Map<SeriesId, number>> {
    const out = new Map<SeriesId, number>();
    if (ids.length === 0) return out;
    const records = await this.getMany(ids);
    records.forEach((rec, k) => {
      if (rec?.lastWrite !== undefined) out.set(ids[k], rec.lastWrite);
    });
    return out;
  }

  private async addDays(times: readonly number[]): Promise<void> {
    const days = [...new Set(times.map(dayOf))];
    await Promise.all(days.map((day) => this.session.write(this.q.addDay, [0, day])));
  }

  private async moveActivity(id: SeriesId, from: number | undefined, to: number): Promise<void> {
    await this.session.write(this.q.addActivity, [dayOf(to), shardOf(id), BigInt(to), id]);
    if (from !== undefined && from !== to) await this.session.write(this.q.deleteActivity, [dayOf(from), shardOf(id), BigInt(from), id]);
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('series registry is closed');
  }
}

function statements(ks: string) {
  return {
    get: `SELECT id, name, tags, storage_schema, last_write FROM ${ks}.series WHERE id = ?`,
    all: `SELECT id, name, tags, storage_schema, last_write FROM ${ks}.series`,
    put: `INSERT INTO ${ks}.series (id, name, tags, storage_schema, last_write) VALUES (?, ?, ?, ?, ?)`,
    setLastWrite: `UPDATE ${ks}.series SET last_write = ? WHERE id = ?`,
    delete: `DELETE FROM ${ks}.series WHERE id = ?`,
    addActivity: `INSERT INTO ${ks}.series_activity (day, shard, last_write, id) VALUES (?, ?, ?, ?)`,
    deleteActivity: `DELETE FROM ${ks}.series_activity WHERE day = ? AND shard = ? AND last_write = ? AND id = ?`,
    activityBefore: `SELECT last_write, id FROM ${ks}.series_activity WHERE day = ? AND shard = ? AND last_write < ? LIMIT ?`,
    activitySameSecond: `SELECT last_write, id FROM ${ks}.series_activity WHERE day = ? AND shard = ? AND last_write = ? AND id > ? LIMIT ?`,
    activityAfter: `SELECT last_write, id FROM ${ks}.series_activity WHERE day = ? AND shard = ? AND last_write > ? AND last_write < ? LIMIT ?`,
    addDay: `INSERT INTO ${ks}.series_activity_days (bucket, day) VALUES (?, ?)`,
    deleteDay: `DELETE FROM ${ks}.series_activity_days WHERE bucket = ? AND day = ?`,
    days: `SELECT day FROM ${ks}.series_activity_days WHERE bucket = ? AND day >= ? AND day <= ?`,
  };
}

function recordOf(row: Row): SeriesRecord {
  const tags = (row.tags as Record<string, string> | null) ?? {};
  const lastWrite = row.last_write === null || row.last_write === undefined ? undefined : Number(row.last_write as bigint);
  const base = { id: row.id as string, metric: { name: row.name as string, tags: { ...tags } }, schema: JSON.parse(row.storage_schema as string) as StorageSchema };
  return lastWrite === undefined ? base : { ...base, lastWrite };
}

function dayOf(t: number): number {
  return Math.floor(t / DAY);
}

function shardOf(id: SeriesId): number {
  return fnv1a64Halves(id).lo % ACTIVITY_SHARDS;
}
