/**
 * The whisper file format as whisper.py (1.1) writes it: a header (aggregation type, the
 * longest retention, the xFilesFactor as a 32-bit float, the number of archives), one
 * (offset, seconds per point, points) triple per archive, then each archive's ring of
 * (uint32 timestamp, float64 value) points, all big-endian.
 */

/** whisper's aggregation type numbers */
export const WHISPER_AGGREGATIONS: Readonly<Record<number, string>> = {
  1: 'average',
  2: 'sum',
  3: 'last',
  4: 'max',
  5: 'min',
  6: 'avg_zero',
  7: 'absmax',
  8: 'absmin',
};

const METADATA_BYTES = 16;
const ARCHIVE_INFO_BYTES = 12;
export const POINT_BYTES = 12;

export interface WhisperArchive {
  /** byte offset of the archive's first point */
  readonly offset: number;
  readonly secondsPerPoint: number;
  readonly points: number;
  /** secondsPerPoint * points */
  readonly retention: number;
}

export interface WhisperHeader {
  /** whisper's name of the method (average, sum, last, max, min, avg_zero, absmax, absmin) */
  readonly aggregationMethod: string;
  readonly maxRetention: number;
  /** as stored: a 32-bit float */
  readonly xFilesFactor: number;
  readonly archives: readonly WhisperArchive[];
}

/** A file whisper itself could not read, or one cut short. */
export class WhisperFormatError extends Error {
  override readonly name = 'WhisperFormatError';
}

/** The header of a whisper file, checked as whisper checks it and against the file's length. */
export function readWhisperHeader(file: Uint8Array): WhisperHeader {
  if (file.length < METADATA_BYTES) throw new WhisperFormatError(`${file.length} bytes: too short for a whisper header`);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const type = view.getUint32(0);
  const maxRetention = view.getUint32(4);
  const xFilesFactor = view.getFloat32(8);
  const count = view.getUint32(12);
  const aggregationMethod = WHISPER_AGGREGATIONS[type];
  if (aggregationMethod === undefined) throw new WhisperFormatError(`unknown aggregation type ${type}`);
  if (!(xFilesFactor >= 0 && xFilesFactor <= 1)) throw new WhisperFormatError(`xFilesFactor ${xFilesFactor} is not between 0 and 1`);
  if (count === 0) throw new WhisperFormatError('no archive');
  const dataStart = METADATA_BYTES + count * ARCHIVE_INFO_BYTES;
  if (file.length < dataStart) throw new WhisperFormatError(`${file.length} bytes: too short for ${count} archive headers`);
  const archives: WhisperArchive[] = [];
  for (let i = 0; i < count; i++) {
    const at = METADATA_BYTES + i * ARCHIVE_INFO_BYTES;
    const offset = view.getUint32(at);
    const secondsPerPoint = view.getUint32(at + 4);
    const points = view.getUint32(at + 8);
    if (secondsPerPoint === 0 || points === 0) throw new WhisperFormatError(`archive ${i} has ${secondsPerPoint} seconds per point and ${points} points`);
    if (offset < dataStart || offset + points * POINT_BYTES > file.length) {
      throw new WhisperFormatError(`archive ${i} (${points} points at byte ${offset}) lies outside the file's ${file.length} bytes`);
    }
    archives.push({ offset, secondsPerPoint, points, retention: secondsPerPoint * points });
  }
  return { aggregationMethod, maxRetention, xFilesFactor, archives };
}

/** The points of one archive, oldest first. */
export interface ArchivePoints {
  readonly step: number;
  readonly times: Float64Array;
  readonly values: Float64Array;
}

/**
 * The points of an archive that whisper's fetch can return at `now`: those in the slot their
 * time belongs to (counted from the first slot's time, whisper's base), newer than
 * `now - retention`, NaN left out. A ring slot still holding a point of an earlier turn is
 * never read by whisper, nor is anything when the first slot is empty. Points after `now` are
 * kept: whisper returns them once their time has come.
 */
export function readArchivePoints(file: Uint8Array, archive: WhisperArchive, now: number): ArchivePoints {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const { offset, points, secondsPerPoint: step, retention } = archive;
  const base = view.getUint32(offset);
  const times = new Float64Array(points);
  const values = new Float64Array(points);
  let n = 0;
  if (base !== 0) {
    const oldest = now - retention;
    for (let k = 0; k < points; k++) {
      const at = offset + k * POINT_BYTES;
      const t = view.getUint32(at);
      if (t <= oldest || t % step !== 0) continue;
      const slot = (t - base) / step;
      if ((((slot % points) + points) % points) !== k) continue;
      const v = view.getFloat64(at + 4);
      if (v !== v) continue;
      times[n] = t;
      values[n++] = v;
    }
  }
  return sortedByTime(step, times.subarray(0, n), values.subarray(0, n));
}

/** The ring starts anywhere: one rotation puts it in time order (a sort if it is not a ring's). */
function sortedByTime(step: number, times: Float64Array, values: Float64Array): ArchivePoints {
  let drops = 0;
  let at = 0;
  for (let i = 1; i < times.length; i++) {
    if (times[i] < times[i - 1]) {
      drops++;
      at = i;
    }
  }
  if (drops === 0) return { step, times, values };
  if (drops === 1 && times[times.length - 1] < times[0]) {
    const t = new Float64Array(times.length);
    const v = new Float64Array(times.length);
    t.set(times.subarray(at));
    t.set(times.subarray(0, at), times.length - at);
    v.set(values.subarray(at));
    v.set(values.subarray(0, at), times.length - at);
    return { step, times: t, values: v };
  }
  const order = Array.from(times.keys()).sort((a, b) => times[a] - times[b]);
  return { step, times: Float64Array.from(order, (i) => times[i]), values: Float64Array.from(order, (i) => values[i]) };
}
