import type { FastifyPluginAsync } from 'fastify';
import type { Clock } from '../lib/clock.js';
import type { ImportOutcome, SeriesImport } from '../engine/import/series-importer.js';
import { importWhisperFile } from '../whisper/whisper-series.js';
import { busy, JSON_ERROR } from './schema/answers.js';

export interface ImportRouteOptions {
  /** the storage engine's import (StorageEngine.importSeries) */
  readonly importSeries: (list: readonly SeriesImport[]) => Promise<ImportOutcome[]>;
  readonly clock: Clock;
  /** limits.import.maxFileBytes */
  readonly maxFileBytes: number;
}

/** What an import answers, and the status it answers with. */
const STATUS = { imported: 200, skipped: 422, failed: 503 } as const;

/**
 * The smallest whisper file (one archive of one empty 60 s slot), for the document's example:
 * its bytes are all below 0x80, so it travels as a string.
 */
const EMPTY_WHISPER_FILE = '\0\0\0\x01\0\0\0\x3c\0\0\0\0\0\0\0\x01\0\0\0\x1c\0\0\0\x3c\0\0\0\x01' + '\0'.repeat(12);

const OUTCOME = {
  type: 'object',
  required: ['name', 'status'],
  properties: {
    name: { type: 'string' },
    status: { type: 'string', enum: ['imported', 'skipped', 'failed'] },
    points: { type: 'integer', description: 'imported: points written, every archive together' },
    tooOld: { type: 'integer', description: "imported: points left out as older than their archive's retention" },
    reason: { type: 'string', description: 'skipped or failed: why', examples: ['aggregation method avg_zero is not supported'] },
  },
} as const;

const IMPORT_SCHEMA = {
  tags: ['carbyne'],
  summary: 'Imports one whisper file as a series (what `carbyne import-whisper --server` sends).',
  description:
    "The series `name` is created with the file's own schema (its archives as retentions, its aggregation method and xFilesFactor), whatever the configured rules say, and the points whisper's fetch would answer now are written at every resolution, each archive's values kept as the file holds them. A series that already exists with the same schema gets the points written over it; with another schema the file is skipped. The answer comes once the points are durable. docs/whisper-import.md.",
  params: {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string', description: 'the series: a path, or `name;tag=value;...` (URL-encoded)', examples: ['imported.example.series'] } },
  },
  body: {
    content: {
      'application/octet-stream': { schema: { description: 'a whisper (.wsp) file', examples: [EMPTY_WHISPER_FILE] } },
    },
  },
  response: {
    200: { description: 'imported', content: { 'application/json': { schema: OUTCOME } } },
    413: { description: 'the file is larger than limits.import.maxFileBytes', content: { 'application/json': { schema: JSON_ERROR } } },
    422: { description: 'skipped: not a whisper file, an aggregation method carbyne lacks (avg_zero, absmax, absmin), an invalid name, or a series stored with another schema', content: { 'application/json': { schema: OUTCOME } } },
    503: {
      description: `failed this time (registering the series or writing to the store failed, or the server is stopping): importing again may work; or \`{"error": ...}\` with Retry-After: ${busy('ingest')}`,
      content: { 'application/json': { schema: { anyOf: [OUTCOME, JSON_ERROR] } } },
    },
  },
} as const;

/**
 * `POST /import/whisper/<name>`: the body is one whisper file; the series is created with the
 * file's schema and its points written at every resolution. Answers `{name, status, points,
 * tooOld}` (200) once the points are durable, `{name, status: "skipped", reason}` (422) for a
 * file that cannot be imported as it is, `{..., status: "failed"}` (503) when it may work later.
 */
export const importRoutes: FastifyPluginAsync<ImportRouteOptions> = async (app, { importSeries, clock, maxFileBytes }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxFileBytes }, (_req, body, done) => done(null, body));

  app.post<{ Params: { name: string } }>('/import/whisper/:name', { schema: IMPORT_SCHEMA, config: { errorBody: 'json', bodyLimitSetting: 'limits.import.maxFileBytes', admission: 'ingest' } }, async (req, reply) => {
    const { name } = req.params;
    const file = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const outcome = await importWhisperFile(importSeries, name, file, clock.nowSeconds());
    return reply.code(STATUS[outcome.status]).send({ name, ...outcome });
  });
};
