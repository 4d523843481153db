import type { AggregationMethod, StorageSchema } from '../series/types.js';
import { readArchivePoints, readWhisperHeader, WhisperFormatError, type ArchivePoints, type WhisperHeader } from './whisper-file.js';
import type { FileOutcome } from './tree-import.js';

/**
 * What a whisper file holds for an import: the schema its header gives (its archives as
 * retentions, its aggregation method and xFilesFactor) and, per archive, the points whisper
 * would answer at `now`.
 */
export interface WhisperSeries {
  readonly schema: StorageSchema;
  readonly levels: readonly ArchivePoints[];
  /** points in all archives */
  readonly points: number;
}

/** whisper's methods that carbyne keeps (avg_zero, absmax and absmin it has no rollup for) */
const METHODS: Readonly<Record<string, AggregationMethod>> = { average: 'average', sum: 'sum', last: 'last', max: 'max', min: 'min' };

/** A file that cannot be imported as it is, and why (a format error, or what carbyne lacks). */
export class WhisperImportError extends Error {
  override readonly name = 'WhisperImportError';
}

export function readWhisperSeries(file: Uint8Array, now: number): WhisperSeries {
  let header: WhisperHeader;
  try {
    header = readWhisperHeader(file);
  } catch (err) {
    if (err instanceof WhisperFormatError) throw new WhisperImportError(`not a whisper file: ${err.message}`);
    throw err;
  }
  const aggregation = METHODS[header.aggregationMethod];
  if (aggregation === undefined) throw new WhisperImportError(`aggregation method ${header.aggregationMethod} is not supported`);
  const levels = header.archives.map((a) => readArchivePoints(file, a, now));
  return {
    schema: {
      retentions: header.archives.map((a) => ({ step: a.secondsPerPoint, retention: a.retention })),
      aggregation,
      xFilesFactor: shortestFloat32Decimal(header.xFilesFactor),
    },
    levels,
    points: levels.reduce((n, l) => n + l.times.length, 0),
  };
}

/**
 * The shortest decimal that is the same 32-bit float (0.6 for the stored 0.6000000238...):
 * what the user configured, and still whisper's threshold once rounded to float32.
 */
export function shortestFloat32Decimal(f: number): number {
  for (let digits = 1; digits <= 9; digits++) {
    const x = Number(f.toPrecision(digits));
    if (Math.fround(x) === f) return x;
  }
  return f;
}

/** The storage engine's import, as whisper files use it (StorageEngine.importSeries). */
export type ImportSeries = (
  list: ReadonlyArray<{ readonly name: string; readonly schema: StorageSchema; readonly levels: readonly ArchivePoints[] }>,
) => Promise<FileOutcome[]>;

/**
 * Imports one whisper file as the series `name`, read at `now`: its schema, its points at every
 * resolution. A file that is no whisper file, or has a method carbyne lacks, is skipped.
 */
export async function importWhisperFile(importSeries: ImportSeries, name: string, file: Uint8Array, now: number): Promise<FileOutcome> {
  let series: WhisperSeries;
  try {
    series = readWhisperSeries(file, now);
  } catch (err) {
    if (err instanceof WhisperImportError) return { status: 'skipped', reason: err.message };
    throw err;
  }
  const [outcome] = await importSeries([{ name, schema: series.schema, levels: series.levels }]);
  return outcome;
}
